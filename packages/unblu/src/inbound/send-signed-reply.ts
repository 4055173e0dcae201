import type { Response } from 'express';
import type { UnbluReply } from './dispatch-unblu-call.js';
import { signUnbluBody } from './signature.js';

/**
 * Writes `reply` as JSON and signs the exact bytes sent (`x-unblu-signature-256` and
 * `x-unblu-signature`) with `secret`. The bytes are written as they are: no charset suffix
 * rewriting, no ETag, and `no-transform` so a compression middleware upstream leaves them alone
 * (Unblu's sender does not decompress answers, and the signature covers the plain bytes).
 */
export function sendSignedReply(res: Response, reply: UnbluReply, secret: string): void {
  const bytes = Buffer.from(JSON.stringify(reply.body), 'utf8');
  res.status(reply.status);
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', bytes.length);
  res.setHeader('Cache-Control', 'no-store, no-transform');
  for (const [name, value] of Object.entries(signUnbluBody(secret, bytes))) res.setHeader(name, value);
  if (reply.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(reply.retryAfterSeconds));
  res.end(bytes);
}
