/** A file carried in either direction. `data` holds the whole content; size limits apply before. */
export interface Attachment {
  fileName: string;
  /** MIME type, e.g. `image/png`; `application/octet-stream` when unknown. */
  mimeType: string;
  data: Uint8Array;
  /** Caption shown with the file, where the messenger supports one. */
  caption?: string;
}

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,(.*)$/s;

/** Encodes bytes as an RFC 2397 data URL (base64), the form Unblu takes file content in. */
export function toDataUrl(mimeType: string, data: Uint8Array): string {
  const type = mimeType.trim() === '' ? 'application/octet-stream' : mimeType.trim();
  return `data:${type};base64,${Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')}`;
}

/**
 * Decodes an RFC 2397 data URL. Throws a `TypeError` naming the problem when `url` is not one.
 * A missing media type defaults to `text/plain` as the RFC says.
 */
export function parseDataUrl(url: string): { mimeType: string; data: Uint8Array } {
  const match = DATA_URL.exec(url);
  if (!match) throw new TypeError('not a data URL: expected "data:[<mediatype>][;base64],<data>"');
  const [, type, , base64, payload] = match;
  const mimeType = type === undefined || type === '' ? 'text/plain' : type.toLowerCase();
  if (base64) {
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(payload ?? '')) throw new TypeError('data URL: invalid base64 payload');
    return { mimeType, data: new Uint8Array(Buffer.from(payload ?? '', 'base64')) };
  }
  return { mimeType, data: new Uint8Array(Buffer.from(decodeURIComponent(payload ?? ''), 'utf8')) };
}
