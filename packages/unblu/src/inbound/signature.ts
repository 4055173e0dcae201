import { createHmac, timingSafeEqual } from 'node:crypto';
import { headerValue, type UnbluHeaders } from './header-values.js';

/** Header carrying the lowercase hex HMAC-SHA1 of the body. */
export const UNBLU_SIGNATURE_HEADER = 'x-unblu-signature';
/** Header carrying the lowercase hex HMAC-SHA256 of the body. */
export const UNBLU_SIGNATURE_256_HEADER = 'x-unblu-signature-256';

/**
 * Both signature headers for one body, as Unblu sends them and as Parley signs its answers.
 * A type literal, not an interface, so it can be passed wherever a header record is expected.
 */
export type UnbluSignatureHeaders = {
  [UNBLU_SIGNATURE_HEADER]: string;
  [UNBLU_SIGNATURE_256_HEADER]: string;
};

/** Why a request's signature was refused; safe to return to the caller and to log. */
export type UnbluSignatureFailure =
  | 'no secret configured'
  | 'missing signature'
  | `invalid ${typeof UNBLU_SIGNATURE_HEADER}`
  | `invalid ${typeof UNBLU_SIGNATURE_256_HEADER}`
  | 'signatures match different secrets';

export type UnbluSignatureVerdict =
  | { valid: true; /** Position in the accepted secrets of the one that matched. */ secretIndex: number }
  | { valid: false; reason: UnbluSignatureFailure };

interface SignatureScheme {
  header: typeof UNBLU_SIGNATURE_HEADER | typeof UNBLU_SIGNATURE_256_HEADER;
  algorithm: 'sha1' | 'sha256';
  /** Digest length in bytes; a header of any other length is invalid without comparing. */
  bytes: number;
}

// SHA-256 first: when both headers are wrong, the stronger one is the one worth reporting.
const SCHEMES: readonly SignatureScheme[] = [
  { header: UNBLU_SIGNATURE_256_HEADER, algorithm: 'sha256', bytes: 32 },
  { header: UNBLU_SIGNATURE_HEADER, algorithm: 'sha1', bytes: 20 },
];

function hmac(algorithm: SignatureScheme['algorithm'], secret: string, body: Buffer | string): Buffer {
  return createHmac(algorithm, secret).update(body).digest();
}

/**
 * Signs `body` the way Unblu does: lowercase hex HMAC-SHA1 and HMAC-SHA256 over the exact bytes
 * (a string is taken as UTF-8). Used for Parley's answers to Unblu, and by tests and the simulator.
 */
export function signUnbluBody(secret: string, body: Buffer | string): UnbluSignatureHeaders {
  return {
    [UNBLU_SIGNATURE_HEADER]: hmac('sha1', secret, body).toString('hex'),
    [UNBLU_SIGNATURE_256_HEADER]: hmac('sha256', secret, body).toString('hex'),
  };
}

/** Decodes a hex digest of exactly `bytes` bytes; anything else (wrong length, non-hex) is undefined. */
function decodeDigest(value: string, bytes: number): Buffer | undefined {
  if (value.length !== bytes * 2 || !/^[0-9a-fA-F]+$/.test(value)) return undefined;
  return Buffer.from(value, 'hex');
}

/** Indexes of the secrets whose HMAC equals the presented digest; compared in constant time. */
function matchingSecrets(scheme: SignatureScheme, presented: string, secrets: readonly string[], body: Buffer | string): Set<number> {
  const matches = new Set<number>();
  const digest = decodeDigest(presented, scheme.bytes);
  if (digest === undefined) return matches;
  secrets.forEach((secret, index) => {
    // Both buffers have scheme.bytes bytes here, so timingSafeEqual cannot throw.
    if (timingSafeEqual(hmac(scheme.algorithm, secret, body), digest)) matches.add(index);
  });
  return matches;
}

/**
 * Checks Unblu's signature of a request against every accepted secret (several during a secret
 * rotation). Valid when at least one of `x-unblu-signature` / `x-unblu-signature-256` is present
 * and every present header matches, all with the same secret. `body` must be the exact bytes
 * received, never re-serialised JSON. Never throws; a malformed header is simply invalid.
 */
export function verifyUnbluSignature(
  headers: UnbluHeaders,
  body: Buffer | string,
  secrets: string | readonly string[],
): UnbluSignatureVerdict {
  const accepted = (typeof secrets === 'string' ? [secrets] : secrets).filter((secret) => secret !== '');
  if (accepted.length === 0) return { valid: false, reason: 'no secret configured' };
  const present = SCHEMES.flatMap((scheme) => {
    const value = headerValue(headers, scheme.header);
    return value === undefined ? [] : [{ scheme, value }];
  });
  if (present.length === 0) return { valid: false, reason: 'missing signature' };

  let common: number[] | undefined;
  for (const { scheme, value } of present) {
    const matches = matchingSecrets(scheme, value, accepted, body);
    if (matches.size === 0) return { valid: false, reason: `invalid ${scheme.header}` };
    common = (common ?? [...matches]).filter((index) => matches.has(index));
  }
  const [secretIndex] = common ?? [];
  return secretIndex === undefined
    ? { valid: false, reason: 'signatures match different secrets' }
    : { valid: true, secretIndex };
}
