import { parseDataUrl, toDataUrl } from './attachment.js';

describe('data URLs', () => {
  it('round-trips binary content', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 10, 13]);
    const url = toDataUrl('image/png', bytes);
    expect(url).toBe('data:image/png;base64,AAEC+v8KDQ==');
    const parsed = parseDataUrl(url);
    expect(parsed.mimeType).toBe('image/png');
    expect(Array.from(parsed.data)).toEqual(Array.from(bytes));
  });

  it('encodes only the viewed slice of a larger buffer', () => {
    const backing = new Uint8Array([9, 9, 65, 66, 9]);
    expect(toDataUrl('text/plain', backing.subarray(2, 4))).toBe('data:text/plain;base64,QUI=');
  });

  it('falls back to application/octet-stream for an empty type', () => {
    expect(toDataUrl(' ', new Uint8Array([1]))).toMatch(/^data:application\/octet-stream;base64,/);
  });

  it('decodes percent-encoded (non-base64) data and defaults the type to text/plain', () => {
    const parsed = parseDataUrl('data:,Gr%C3%BCezi');
    expect(parsed.mimeType).toBe('text/plain');
    expect(Buffer.from(parsed.data).toString('utf8')).toBe('Grüezi');
  });

  it('keeps parameters out of the MIME type', () => {
    expect(parseDataUrl('data:text/plain;charset=utf-8;base64,aGk=').mimeType).toBe('text/plain');
  });

  it('names the problem for input that is not a data URL', () => {
    expect(() => parseDataUrl('https://example.com/x.png')).toThrow(/not a data URL/);
    expect(() => parseDataUrl('data:image/png;base64,@@@')).toThrow(/invalid base64/);
  });
});
