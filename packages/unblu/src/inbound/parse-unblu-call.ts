import type { Clock } from '@parley/core';
import type { UnbluHeaders } from './header-values.js';
import { interpretUnbluCall } from './interpret-unblu-call.js';
import type { ParseUnbluCallResult } from './unblu-call.js';
import { UnbluCallParseError } from './unblu-call-parse-error.js';
import { readUnbluDelivery } from './unblu-delivery-headers.js';

export interface ParseUnbluCallOptions {
  /** Time of receipt, used as a message's `sentAt` when Unblu sent no timestamp. Default: system time. */
  clock?: Pick<Clock, 'now'>;
}

function parseJson(rawBody: Buffer | string): unknown {
  const text = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UnbluCallParseError('malformed-json', 'the body is not valid JSON', [], { cause: error });
  }
}

/**
 * Reads a call from Unblu (headers and exact body bytes) into an `UnbluCall`: an `UnbluEvent`
 * for the engine, a declined agent-initiated-contact request, or a call to ignore. Does not
 * check the signature: verify it with `verifyUnbluSignature` first. Never throws for bad input;
 * the failure comes back as an {@link UnbluCallParseError}.
 */
export function parseUnbluCall(headers: UnbluHeaders, rawBody: Buffer | string, options: ParseUnbluCallOptions = {}): ParseUnbluCallResult {
  const delivery = readUnbluDelivery(headers);
  if (delivery instanceof UnbluCallParseError) return { ok: false, error: delivery };
  try {
    const body = parseJson(rawBody);
    const receivedAt = (options.clock ?? { now: Date.now }).now();
    return { ok: true, call: interpretUnbluCall(body, { delivery, receivedAt }) };
  } catch (error) {
    if (error instanceof UnbluCallParseError) return { ok: false, error };
    throw error;
  }
}
