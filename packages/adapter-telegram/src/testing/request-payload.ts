import type { IncomingMessage } from 'node:http';
import { badRequest, entityTooLarge } from './bot-api-errors.js';
import { readMultipartBody, type Upload } from './multipart-body.js';

/** The parameters of one Bot API call, whichever way the client encoded them. */
export interface RequestPayload {
  /** Query, form and multipart values are strings; JSON bodies keep their types. */
  fields: Record<string, unknown>;
  uploads: ReadonlyMap<string, Upload>;
}

/**
 * Collects a call's parameters from the query string and a JSON, urlencoded or multipart body,
 * as Telegram accepts all four; body values win over query values. Bodies beyond `maxBytes`
 * reject with 413 after being drained. A body that is not valid JSON rejects with 400 (that
 * description is the simulator's own).
 */
export async function readRequestPayload(req: IncomingMessage, url: URL, maxBytes: number): Promise<RequestPayload> {
  const fields: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (contentType.startsWith('multipart/form-data')) {
    const body = await readMultipartBody(req, maxBytes);
    return { fields: { ...fields, ...body.fields }, uploads: body.uploads };
  }
  const raw = (await readBodyBytes(req, maxBytes)).toString('utf8');
  if (contentType.startsWith('application/json') && raw.trim() !== '') Object.assign(fields, parseJsonObject(raw));
  if (contentType.startsWith('application/x-www-form-urlencoded')) Object.assign(fields, Object.fromEntries(new URLSearchParams(raw)));
  return { fields, uploads: new Map() };
}

/** Reads a whole body; beyond `maxBytes` it keeps draining without storing, then rejects with 413. */
export function readBodyBytes(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => (size > maxBytes ? reject(entityTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function parseJsonObject(raw: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest("can't parse JSON encoded request parameters");
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest('request parameters must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}
