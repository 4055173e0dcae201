import type { DestinationStream } from 'pino';
import { REDACTED, createLogger } from './logger.js';

const SECRET = 's3cr3t/tok+en';

function capture(): { destination: DestinationStream; lines: () => Record<string, unknown>[]; raw: () => string } {
  const chunks: string[] = [];
  return {
    destination: { write: (chunk: string) => void chunks.push(chunk) },
    lines: () => chunks.map((chunk) => JSON.parse(chunk) as Record<string, unknown>),
    raw: () => chunks.join(''),
  };
}

describe('createLogger', () => {
  it('writes JSON lines at the configured level', () => {
    const out = capture();
    const logger = createLogger({ level: 'info', secrets: [] }, out.destination);
    logger.debug({ a: 1 }, 'hidden');
    logger.info({ a: 2 }, 'shown');
    expect(out.lines()).toStrictEqual([expect.objectContaining({ level: 30, a: 2, msg: 'shown' })]);
  });

  it('masks a secret inside a URL in the message and in string fields, also percent-encoded', () => {
    const out = capture();
    const logger = createLogger({ level: 'info', secrets: [SECRET] }, out.destination);
    logger.info({ url: `https://api.example.com/bot${SECRET}/getUpdates` }, `calling https://x.example/?key=${encodeURIComponent(SECRET)}`);
    expect(out.raw()).not.toContain('s3cr3t');
    expect(out.lines()[0]).toMatchObject({
      url: `https://api.example.com/bot${REDACTED}/getUpdates`,
      msg: `calling https://x.example/?key=${REDACTED}`,
    });
  });

  it('masks secrets in nested fields, child bindings and serialised errors', () => {
    const out = capture();
    const logger = createLogger({ level: 'info', secrets: [SECRET, 'other-secret-value'] }, out.destination);
    const child = logger.child({ target: `wss://other-secret-value@host` });
    child.error({ err: new Error(`login failed with ${SECRET}`), deep: { a: { b: { c: [SECRET] } } } }, 'failed');
    expect(out.raw()).not.toContain('s3cr3t');
    expect(out.raw()).not.toContain('other-secret-value');
    const [line] = out.lines();
    expect(line).toMatchObject({ target: `wss://${REDACTED}@host`, deep: { a: { b: { c: [REDACTED] } } } });
    expect((line?.['err'] as { message: string }).message).toBe(`login failed with ${REDACTED}`);
  });

  it('keeps lines valid JSON when a secret contains characters JSON escapes', () => {
    const out = capture();
    const quoted = 'pa"ss\\word\n';
    createLogger({ level: 'info', secrets: [quoted] }, out.destination).info({ value: `x${quoted}y` }, 'm');
    expect(out.lines()[0]).toMatchObject({ value: `x${REDACTED}y` });
  });

  it('redacts fields named like secrets, whatever their value, and auth headers', () => {
    const out = capture();
    const logger = createLogger({ level: 'info', secrets: [] }, out.destination);
    logger.info({
      password: 'p1',
      auth: { token: 't1', user: 'alice' },
      config: { unblu: { secret: 's1' } },
      req: { headers: { authorization: 'Basic YWxpY2U6cA==', accept: 'json' } },
      apiKey: 'k1',
    });
    expect(out.lines()[0]).toMatchObject({
      password: REDACTED,
      auth: { token: REDACTED, user: 'alice' },
      config: { unblu: { secret: REDACTED } },
      req: { headers: { authorization: REDACTED, accept: 'json' } },
      apiKey: REDACTED,
    });
  });

  it('leaves lines without secrets untouched', () => {
    const out = capture();
    createLogger({ level: 'info', secrets: [SECRET, ''] }, out.destination).info({ n: 1 }, 'plain');
    expect(out.lines()[0]).toMatchObject({ n: 1, msg: 'plain' });
  });
});
