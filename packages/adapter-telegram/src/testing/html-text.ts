import type { MessageEntity } from 'grammy/types';
import { badRequest, type BotApiError } from './bot-api-errors.js';

/** Text as a Telegram client shows it, plus the formatting Telegram derived from the markup. */
export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

type SimpleEntityType = 'bold' | 'italic' | 'underline' | 'strikethrough' | 'spoiler' | 'code';

const simpleTags: Readonly<Record<string, SimpleEntityType>> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  span: 'spoiler',
  'tg-spoiler': 'spoiler',
  code: 'code',
};

const supportedTags = new Set([...Object.keys(simpleTags), 'a', 'pre', 'blockquote', 'tg-emoji']);

const namedReferences: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
]);

const plainRun = /[^<&]+/y;
const characterReference = /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[a-zA-Z][a-zA-Z0-9]{0,31});/y;
const startTagName = /<([a-zA-Z][a-zA-Z0-9-]*)?/y;
const endTag = /<\/([a-zA-Z][a-zA-Z0-9-]*)?\s*>/y;
const attributeName = /[a-zA-Z_:][a-zA-Z0-9_:.-]*/y;
const unquotedValue = /[^\s>"'=<`]+/y;
const whitespace = /\s*/y;

interface OpenTag {
  name: string;
  /** Where the tag's content starts in the plain text (UTF-16 units). */
  offset: number;
  attributes: Map<string, string>;
  /** Set on `pre` by a nested `<code class="language-x">`. */
  language?: string;
}

/**
 * Parses a text sent with parse_mode HTML into the plain text a customer sees and its entities,
 * by Telegram's rules: only Telegram's tags (b strong i em u ins s strike del span.tg-spoiler
 * tg-spoiler a code pre blockquote tg-emoji), the references `&lt; &gt; &amp; &quot;` and numeric
 * ones, every tag closed in order. Anything else throws 400 `can't parse entities: …`, positions
 * given as UTF-8 byte offsets like Telegram. One deliberate strictness: an unknown named
 * reference such as `&nbsp;` is refused instead of kept literally, so an adapter that forgets to
 * escape `&` fails in tests. A bare `&` not shaped like a reference stays literal.
 */
export function parseHtmlText(html: string): FormattedText {
  return new HtmlTextParser(html).parse();
}

class HtmlTextParser {
  private position = 0;
  private text = '';
  private readonly open: OpenTag[] = [];
  private readonly entities: MessageEntity[] = [];

  constructor(private readonly html: string) {}

  parse(): FormattedText {
    while (this.position < this.html.length) {
      const char = this.html[this.position];
      if (char === '<') this.readTag();
      else if (char === '&') this.text += this.readReference();
      else this.text += this.match(plainRun)?.[0] ?? '';
    }
    const unclosed = this.open.at(-1);
    if (unclosed) throw this.fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
    return { text: this.text, entities: this.entities.sort((a, b) => a.offset - b.offset || b.length - a.length) };
  }

  /** Runs a sticky pattern at the current position and moves past what it matched. */
  private match(pattern: RegExp): RegExpExecArray | undefined {
    pattern.lastIndex = this.position;
    const found = pattern.exec(this.html);
    if (found) this.position += found[0].length;
    return found ?? undefined;
  }

  private readReference(): string {
    const start = this.position;
    const found = this.match(characterReference);
    if (!found) {
      this.position += 1;
      return '&';
    }
    const decoded = decodeReference(found[1] ?? '');
    if (decoded === undefined) throw this.fail(`Unsupported HTML entity "${found[0]}" at byte offset ${this.byteOffset(start)}`);
    return decoded;
  }

  private readTag(): void {
    if (this.html.startsWith('</', this.position)) {
      this.readEndTag();
      return;
    }
    const start = this.position;
    const name = (this.match(startTagName)?.[1] ?? '').toLowerCase();
    if (!supportedTags.has(name)) throw this.fail(`Unsupported start tag "${name}" at byte offset ${this.byteOffset(start)}`);
    const attributes = this.readAttributes(start);
    this.checkAttributes(name, attributes, start);
    this.open.push({ name, offset: this.text.length, attributes });
  }

  private readAttributes(tagStart: number): Map<string, string> {
    const attributes = new Map<string, string>();
    for (;;) {
      this.match(whitespace);
      if (this.position >= this.html.length) throw this.fail(`Unclosed start tag at byte offset ${this.byteOffset(tagStart)}`);
      if (this.html[this.position] === '>') {
        this.position += 1;
        return attributes;
      }
      const name = this.match(attributeName)?.[0];
      if (name === undefined) throw this.fail(`Unexpected character in start tag at byte offset ${this.byteOffset(this.position)}`);
      this.match(whitespace);
      attributes.set(name.toLowerCase(), this.html[this.position] === '=' ? this.readAttributeValue(tagStart) : '');
    }
  }

  private readAttributeValue(tagStart: number): string {
    this.position += 1;
    this.match(whitespace);
    const quote = this.html[this.position];
    if (quote !== '"' && quote !== "'") return this.decodeAll(this.match(unquotedValue)?.[0] ?? '');
    const end = this.html.indexOf(quote, this.position + 1);
    if (end < 0) throw this.fail(`Unclosed start tag at byte offset ${this.byteOffset(tagStart)}`);
    const raw = this.html.slice(this.position + 1, end);
    this.position = end + 1;
    return this.decodeAll(raw);
  }

  private checkAttributes(name: string, attributes: Map<string, string>, start: number): void {
    if (name === 'span' && attributes.get('class') !== 'tg-spoiler') {
      throw this.fail(`Tag "span" must have class "tg-spoiler" at byte offset ${this.byteOffset(start)}`);
    }
    if (name === 'tg-emoji' && !attributes.get('emoji-id')) {
      throw this.fail(`Tag "tg-emoji" must have attribute "emoji-id" at byte offset ${this.byteOffset(start)}`);
    }
  }

  private readEndTag(): void {
    const start = this.position;
    const found = this.match(endTag);
    if (!found) throw this.fail(`Unclosed end tag at byte offset ${this.byteOffset(start)}`);
    const name = (found[1] ?? '').toLowerCase();
    const tag = this.open.pop();
    if (!tag) throw this.fail(`Unexpected end tag at byte offset ${this.byteOffset(start)}`);
    if (tag.name !== name) {
      throw this.fail(`Unmatched end tag at byte offset ${this.byteOffset(start)}, expected "</${tag.name}>", found "</${name}>"`);
    }
    this.close(tag);
  }

  private close(tag: OpenTag): void {
    const parent = this.open.at(-1);
    const codeClass = tag.attributes.get('class') ?? '';
    if (tag.name === 'code' && parent?.name === 'pre' && codeClass.startsWith('language-')) {
      parent.language = codeClass.slice('language-'.length);
      return;
    }
    const length = this.text.length - tag.offset;
    const entity = length > 0 ? entityFor(tag, tag.offset, length) : undefined;
    if (entity) this.entities.push(entity);
  }

  private decodeAll(raw: string): string {
    return raw.replace(new RegExp(characterReference.source, 'g'), (whole, body: string) => {
      const decoded = decodeReference(body);
      if (decoded === undefined) throw this.fail(`Unsupported HTML entity "${whole}"`);
      return decoded;
    });
  }

  private byteOffset(index: number): number {
    return Buffer.byteLength(this.html.slice(0, index), 'utf8');
  }

  private fail(reason: string): BotApiError {
    return badRequest(`can't parse entities: ${reason}`);
  }
}

function entityFor(tag: OpenTag, offset: number, length: number): MessageEntity | undefined {
  const simple = simpleTags[tag.name];
  if (simple) return { type: simple, offset, length };
  switch (tag.name) {
    case 'a': {
      const url = tag.attributes.get('href');
      return url ? { type: 'text_link', offset, length, url } : undefined;
    }
    case 'pre':
      return tag.language ? { type: 'pre', offset, length, language: tag.language } : { type: 'pre', offset, length };
    case 'blockquote':
      return { type: tag.attributes.has('expandable') ? 'expandable_blockquote' : 'blockquote', offset, length };
    case 'tg-emoji':
      return { type: 'custom_emoji', offset, length, custom_emoji_id: tag.attributes.get('emoji-id') ?? '' };
    default:
      return undefined;
  }
}

function decodeReference(body: string): string | undefined {
  if (!body.startsWith('#')) return namedReferences.get(body);
  const hex = body[1] === 'x' || body[1] === 'X';
  const codePoint = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
  const valid = codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
  return valid ? String.fromCodePoint(codePoint) : undefined;
}
