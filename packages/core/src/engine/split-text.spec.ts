import { splitText } from './split-text.js';

describe('splitText', () => {
  it('keeps short text whole, including empty text', () => {
    expect(splitText('hello', 10)).toEqual(['hello']);
    expect(splitText('', 10)).toEqual(['']);
  });

  it('prefers paragraph, then line, then word boundaries and loses nothing', () => {
    const text = 'first paragraph here\n\nsecond one is here\nwith a line';
    const pieces = splitText(text, 24);
    expect(pieces[0]).toBe('first paragraph here\n\n');
    expect(pieces.join('')).toBe(text);
    expect(pieces.every((piece) => piece.length <= 24)).toBe(true);
    expect(splitText('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb ', 'cccc']);
  });

  it('cuts hard when there is no boundary, never inside a surrogate pair', () => {
    expect(splitText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    const emoji = 'ab😀cd';
    const pieces = splitText(emoji, 3);
    expect(pieces).toEqual(['ab', '😀c', 'd']);
  });

  it('rejects a nonsensical limit', () => {
    expect(() => splitText('x', 1)).toThrow(RangeError);
  });
});
