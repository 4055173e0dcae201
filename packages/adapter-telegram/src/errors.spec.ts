import { PermanentError, TransientError } from '@parley/core';
import { GrammyError, HttpError } from 'grammy';
import { isConflict, isUnauthorized, toParleyError } from './errors.js';

function apiError(error_code: number, description: string, parameters: Record<string, number> = {}): GrammyError {
  return new GrammyError(`Call to 'sendMessage' failed! (${error_code}: ${description})`, { ok: false, error_code, description, parameters }, 'sendMessage', {});
}

describe('toParleyError', () => {
  it.each([
    [429, 'Too Many Requests: retry after 7', { retry_after: 7 }, TransientError, 'telegram.rate_limited'],
    [502, 'Bad Gateway', {}, TransientError, 'telegram.unavailable'],
    [401, 'Unauthorized', {}, PermanentError, 'telegram.unauthorized'],
    [403, 'Forbidden: bot was blocked by the user', {}, PermanentError, 'telegram.blocked'],
    [403, 'Forbidden: user is deactivated', {}, PermanentError, 'telegram.blocked'],
    [400, 'Bad Request: chat not found', {}, PermanentError, 'telegram.chat_not_found'],
    [413, 'Request Entity Too Large', {}, PermanentError, 'telegram.file_too_large'],
    [400, 'Bad Request: file is too big', {}, PermanentError, 'telegram.file_too_large'],
    [400, "Bad Request: can't parse entities", {}, PermanentError, 'telegram.rejected'],
    [409, 'Conflict: terminated by other getUpdates request', {}, TransientError, 'telegram.conflict'],
  ])('maps %i %s', (code, description, parameters, type, expectedCode) => {
    const mapped = toParleyError(apiError(code, description, parameters), 'sendMessage to chat 42');
    expect(mapped).toBeInstanceOf(type);
    expect(mapped.code).toBe(expectedCode);
  });

  it('takes retry_after as the retry floor in ms', () => {
    const mapped = toParleyError(apiError(429, 'Too Many Requests: retry after 7', { retry_after: 7 }), 'x');
    expect(mapped).toBeInstanceOf(TransientError);
    expect((mapped as TransientError).retryAfterMs).toBe(7000);
  });

  it('treats network failures and unknown throws as transient', () => {
    expect(toParleyError(new HttpError('Network request failed', new Error('ECONNREFUSED')), 'x')).toMatchObject({ name: 'TransientError', code: 'telegram.unreachable' });
    expect(toParleyError(new Error('boom'), 'x')).toBeInstanceOf(TransientError);
  });

  it('passes Parley errors through unchanged', () => {
    const original = new PermanentError('no', 'telegram.file_too_large');
    expect(toParleyError(original, 'x')).toBe(original);
  });

  it('recognises a refused token and a conflict', () => {
    expect(isUnauthorized(apiError(401, 'Unauthorized'))).toBe(true);
    expect(isUnauthorized(apiError(403, 'Forbidden'))).toBe(false);
    expect(isConflict(apiError(409, 'Conflict'))).toBe(true);
  });
});
