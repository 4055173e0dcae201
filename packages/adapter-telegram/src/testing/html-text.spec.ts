import { BotApiError } from './bot-api-errors.js';
import { parseHtmlText } from './html-text.js';

function refusal(html: string): string {
  try {
    parseHtmlText(html);
  } catch (error) {
    if (error instanceof BotApiError) return error.description;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(html)} to be refused`);
}

describe('parseHtmlText', () => {
  it('turns tags into entities over the plain text, offsets in UTF-16 units', () => {
    expect(parseHtmlText('😀 <b>bold <i>both</i></b> <a href="https://example.com/?a=1&amp;b=2">link</a>')).toEqual({
      text: '😀 bold both link',
      entities: [
        { type: 'bold', offset: 3, length: 9 },
        { type: 'italic', offset: 8, length: 4 },
        { type: 'text_link', offset: 13, length: 4, url: 'https://example.com/?a=1&b=2' },
      ],
    });
  });

  it('decodes the four named references and numeric ones, and keeps a bare ampersand', () => {
    expect(parseHtmlText('&lt;b&gt; &amp; &quot;q&quot; &#65;&#x42; R&D').text).toBe('<b> & "q" AB R&D');
  });

  it('knows every Telegram tag, including spoilers, pre with a language and expandable quotes', () => {
    const parsed = parseHtmlText(
      '<strong>a</strong><em>b</em><u>c</u><ins>d</ins><s>e</s><strike>f</strike><del>g</del>' +
        '<span class="tg-spoiler">h</span><tg-spoiler>i</tg-spoiler><code>j</code>' +
        '<pre><code class="language-ts">k</code></pre><blockquote expandable>l</blockquote>' +
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
    );
    expect(parsed.text).toBe('abcdefghijkl👍');
    expect(parsed.entities.map((entity) => entity.type)).toEqual([
      'bold', 'italic', 'underline', 'underline', 'strikethrough', 'strikethrough', 'strikethrough',
      'spoiler', 'spoiler', 'code', 'pre', 'expandable_blockquote', 'custom_emoji',
    ]);
    expect(parsed.entities[10]).toEqual({ type: 'pre', offset: 10, length: 1, language: 'ts' });
    expect(parsed.entities[12]).toEqual({ type: 'custom_emoji', offset: 12, length: 2, custom_emoji_id: '5368324170671202286' });
  });

  it('refuses what Telegram refuses, naming the problem and its byte offset', () => {
    expect(refusal('a <div>x</div>')).toBe(`Bad Request: can't parse entities: Unsupported start tag "div" at byte offset 2`);
    expect(refusal('<b>open')).toBe(`Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`);
    expect(refusal('<b><i>x</b></i>')).toBe(
      `Bad Request: can't parse entities: Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`,
    );
    expect(refusal('ä &nbsp;')).toBe(`Bad Request: can't parse entities: Unsupported HTML entity "&nbsp;" at byte offset 3`);
    expect(refusal('1 < 2')).toMatch(/Unsupported start tag "" at byte offset 2/);
    expect(refusal('x</b>')).toMatch(/Unexpected end tag/);
    expect(refusal('<span>x</span>')).toMatch(/must have class "tg-spoiler"/);
    expect(refusal('<b')).toMatch(/Unclosed start tag/);
  });

  it('drops empty entities and keeps newlines as text', () => {
    expect(parseHtmlText('<b></b>line 1\nline 2')).toEqual({ text: 'line 1\nline 2', entities: [] });
  });
});
