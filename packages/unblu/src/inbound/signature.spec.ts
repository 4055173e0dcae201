import { createHmac } from 'node:crypto';
import { signUnbluBody, verifyUnbluSignature } from './signature.js';

const SECRET = 'channel-secret-0123456789';
const OTHER = 'another-secret-9876543210';
const BODY = Buffer.from('{"$_type":"PingRequest","pingId":"p-1","text":"Grüezi"}', 'utf8');

const hex = (algorithm: 'sha1' | 'sha256', secret: string, body: Buffer | string): string =>
  createHmac(algorithm, secret).update(body).digest('hex');

describe('signUnbluBody', () => {
  it('produces lowercase hex HMAC-SHA1 and HMAC-SHA256 over the exact bytes', () => {
    const headers = signUnbluBody(SECRET, BODY);
    expect(headers).toEqual({
      'x-unblu-signature': hex('sha1', SECRET, BODY),
      'x-unblu-signature-256': hex('sha256', SECRET, BODY),
    });
    expect(headers['x-unblu-signature']).toMatch(/^[0-9a-f]{40}$/);
    expect(headers['x-unblu-signature-256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs a string as its UTF-8 bytes', () => {
    expect(signUnbluBody(SECRET, BODY.toString('utf8'))).toEqual(signUnbluBody(SECRET, BODY));
  });
});

describe('verifyUnbluSignature', () => {
  const both = signUnbluBody(SECRET, BODY);
  const sha1Only = { 'x-unblu-signature': both['x-unblu-signature'] };
  const sha256Only = { 'x-unblu-signature-256': both['x-unblu-signature-256'] };

  it.each([
    ['SHA-1 only', sha1Only],
    ['SHA-256 only', sha256Only],
    ['both', both],
  ])('accepts a good signature (%s)', (_label, headers) => {
    expect(verifyUnbluSignature(headers, BODY, [SECRET])).toEqual({ valid: true, secretIndex: 0 });
  });

  it('accepts a single secret given as a string and header names in any case', () => {
    const headers = { 'X-Unblu-Signature-256': both['x-unblu-signature-256'] };
    expect(verifyUnbluSignature(headers, BODY, SECRET)).toEqual({ valid: true, secretIndex: 0 });
  });

  it('accepts uppercase hex and surrounding whitespace', () => {
    const headers = { 'x-unblu-signature-256': ` ${both['x-unblu-signature-256'].toUpperCase()} ` };
    expect(verifyUnbluSignature(headers, BODY, [SECRET]).valid).toBe(true);
  });

  it('reports a missing signature', () => {
    expect(verifyUnbluSignature({ 'content-type': 'application/json' }, BODY, [SECRET])).toEqual({
      valid: false,
      reason: 'missing signature',
    });
    expect(verifyUnbluSignature({ 'x-unblu-signature': '  ' }, BODY, [SECRET])).toEqual({ valid: false, reason: 'missing signature' });
  });

  it('rejects a signature made with another secret', () => {
    const headers = signUnbluBody(OTHER, BODY);
    expect(verifyUnbluSignature(headers, BODY, [SECRET])).toEqual({ valid: false, reason: 'invalid x-unblu-signature-256' });
    expect(verifyUnbluSignature({ 'x-unblu-signature': headers['x-unblu-signature'] }, BODY, [SECRET])).toEqual({
      valid: false,
      reason: 'invalid x-unblu-signature',
    });
  });

  it('rejects a body changed by one byte after signing', () => {
    const tampered = Buffer.from(BODY);
    tampered.writeUInt8(tampered.readUInt8(10) ^ 0x01, 10);
    expect(tampered.equals(BODY)).toBe(false);
    expect(verifyUnbluSignature(both, tampered, [SECRET])).toEqual({ valid: false, reason: 'invalid x-unblu-signature-256' });
    expect(verifyUnbluSignature(sha1Only, tampered, [SECRET])).toEqual({ valid: false, reason: 'invalid x-unblu-signature' });
  });

  it('rejects when one of two present headers is wrong, whichever it is', () => {
    const wrong = signUnbluBody(OTHER, BODY);
    expect(
      verifyUnbluSignature({ ...both, 'x-unblu-signature': wrong['x-unblu-signature'] }, BODY, [SECRET]),
    ).toEqual({ valid: false, reason: 'invalid x-unblu-signature' });
    expect(
      verifyUnbluSignature({ ...both, 'x-unblu-signature-256': wrong['x-unblu-signature-256'] }, BODY, [SECRET]),
    ).toEqual({ valid: false, reason: 'invalid x-unblu-signature-256' });
  });

  it.each([
    ['not hex', 'z'.repeat(64)],
    ['too short', 'ab'.repeat(31)],
    ['too long', 'ab'.repeat(33)],
    ['of odd length', 'a'.repeat(63)],
    ['a SHA-1 digest in the SHA-256 header', hex('sha1', SECRET, BODY)],
    ['prefixed with sha256=', `sha256=${hex('sha256', SECRET, BODY)}`],
    ['two values joined by Node', `${hex('sha256', SECRET, BODY)}, ${hex('sha256', SECRET, BODY)}`],
  ])('rejects a signature header that is %s, without throwing', (_label, value) => {
    expect(() => verifyUnbluSignature({ 'x-unblu-signature-256': value }, BODY, [SECRET])).not.toThrow();
    expect(verifyUnbluSignature({ 'x-unblu-signature-256': value }, BODY, [SECRET])).toEqual({
      valid: false,
      reason: 'invalid x-unblu-signature-256',
    });
  });

  it('accepts any configured secret during a rotation and says which one matched', () => {
    expect(verifyUnbluSignature(signUnbluBody(OTHER, BODY), BODY, [SECRET, OTHER])).toEqual({ valid: true, secretIndex: 1 });
    expect(verifyUnbluSignature(signUnbluBody(SECRET, BODY), BODY, [SECRET, OTHER])).toEqual({ valid: true, secretIndex: 0 });
  });

  it('rejects two headers that each match a different secret', () => {
    const headers = {
      'x-unblu-signature': signUnbluBody(SECRET, BODY)['x-unblu-signature'],
      'x-unblu-signature-256': signUnbluBody(OTHER, BODY)['x-unblu-signature-256'],
    };
    expect(verifyUnbluSignature(headers, BODY, [SECRET, OTHER])).toEqual({
      valid: false,
      reason: 'signatures match different secrets',
    });
  });

  it('refuses everything when no secret is configured (an empty secret does not count)', () => {
    expect(verifyUnbluSignature(signUnbluBody('', BODY), BODY, [])).toEqual({ valid: false, reason: 'no secret configured' });
    expect(verifyUnbluSignature(signUnbluBody('', BODY), BODY, [''])).toEqual({ valid: false, reason: 'no secret configured' });
  });

  it('reads the first value of a repeated header', () => {
    const headers = { 'x-unblu-signature-256': [both['x-unblu-signature-256'], 'garbage'] };
    expect(verifyUnbluSignature(headers, BODY, [SECRET]).valid).toBe(true);
  });
});
