/** The decoded content of an RFC 2397 data URL. */
export interface DataUrlContent {
  /** Media type without parameters, lowercased; RFC 2397's default is text/plain. */
  mimeType: string;
  data: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes `data:[<mediatype>][;base64],<data>`; null if the text is not such a URL. */
export function parseDataUrl(value: string): DataUrlContent | null {
  if (!value.startsWith('data:')) return null;
  const comma = value.indexOf(',');
  if (comma < 0) return null;
  const params = value.slice(5, comma).split(';');
  const isBase64 = params.length > 1 && params[params.length - 1].toLowerCase() === 'base64';
  if (isBase64) params.pop();
  const mimeType = (params[0] || 'text/plain').trim().toLowerCase();
  const payload = value.slice(comma + 1);
  if (isBase64) {
    const compact = payload.replace(/\s+/g, '');
    return BASE64.test(compact) ? { mimeType, data: Buffer.from(compact, 'base64') } : null;
  }
  try {
    return { mimeType, data: Buffer.from(decodeURIComponent(payload), 'utf8') };
  } catch {
    return null;
  }
}
