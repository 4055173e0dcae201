import { createHmac, timingSafeEqual } from 'node:crypto';

/** Lowercase hex HMAC of the exact bytes, as Unblu puts it in `x-unblu-signature(-256)`. */
export function hmacHex(algorithm: 'sha1' | 'sha256', secret: string, bytes: Buffer): string {
  return createHmac(algorithm, secret).update(bytes).digest('hex');
}

/** The signature headers Unblu adds to a call when the endpoint has a secret. */
export function signatureHeaders(secret: string, bytes: Buffer): Record<string, string> {
  return {
    'x-unblu-signature': hmacHex('sha1', secret, bytes),
    'x-unblu-signature-256': hmacHex('sha256', secret, bytes),
  };
}

/** Whether `signature` is the HMAC-SHA256 of `bytes` under `secret` (constant-time compare). */
export function isValidSha256Signature(secret: string, bytes: Buffer, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(hmacHex('sha256', secret, bytes), 'utf8');
  const given = Buffer.from(signature.trim().toLowerCase(), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
