import { ConfigError, NotSupportedError, PermanentError, TransientError, isRetryable } from './parley-error.js';

describe('typed errors', () => {
  it('keeps code, name, cause and retryAfterMs on a TransientError', () => {
    const cause = new Error('ECONNRESET');
    const error = new TransientError('Unblu unreachable', 'unblu.unreachable', { cause, retryAfterMs: 1500 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TransientError');
    expect(error.code).toBe('unblu.unreachable');
    expect(error.cause).toBe(cause);
    expect(error.retryAfterMs).toBe(1500);
  });

  it('refuses a negative or non-finite retryAfterMs', () => {
    expect(() => new TransientError('x', 'x', { retryAfterMs: -1 })).toThrow(RangeError);
    expect(() => new TransientError('x', 'x', { retryAfterMs: Number.NaN })).toThrow(/retryAfterMs/);
  });

  it('leaves retryAfterMs undefined when the remote named no delay', () => {
    expect(new TransientError('x').retryAfterMs).toBeUndefined();
  });

  it('lists every config issue with its path in one message', () => {
    const error = new ConfigError('configuration', [
      { path: 'unblu.baseUrl', message: 'must be a URL' },
      { path: '', message: 'unknown key "foo"' },
    ]);
    expect(error.code).toBe('config.invalid');
    expect(error.issues).toHaveLength(2);
    expect(error.message).toBe(
      'Invalid configuration (2 problems):\n  - unblu.baseUrl: must be a URL\n  - (root): unknown key "foo"',
    );
  });

  it('tells retryable failures from final ones', () => {
    expect(isRetryable(new TransientError('x'))).toBe(true);
    expect(isRetryable(new Error('bug'))).toBe(true);
    expect(isRetryable(new PermanentError('blocked', 'telegram.blocked'))).toBe(false);
    expect(isRetryable(new ConfigError('x', []))).toBe(false);
    expect(isRetryable(new NotSupportedError('read receipts', 'email'))).toBe(false);
  });

  it('names the feature and the messenger when a capability is missing', () => {
    const error = new NotSupportedError('read receipts', 'email');
    expect(error.message).toBe('email does not support read receipts');
    expect(error.feature).toBe('read receipts');
  });
});
