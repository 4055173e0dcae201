import type { UnbluDelivery, UnbluEvent } from '@parley/core';
import type { UnbluCallParseError } from './unblu-call-parse-error.js';

/** Outbound requests Parley recognises but declines: it never lets agents start a contact. */
export type UnsupportedUnbluRequest = 'create-contact' | 'create-conversation';

/**
 * A signed call from Unblu, understood:
 * - `event`: something for the engine ({@link UnbluEvent});
 * - `unsupported`: a v4 request for agent-initiated contact, answered with a typed ERROR response;
 * - `ignored`: a call Parley has no use for (an event it did not ask for, a conversation
 *   message outside any external messenger channel), acknowledged without calling anything.
 */
export type UnbluCall =
  | { kind: 'event'; event: UnbluEvent }
  | { kind: 'unsupported'; delivery: UnbluDelivery; request: UnsupportedUnbluRequest }
  | { kind: 'ignored'; delivery: UnbluDelivery; reason: string };

export type ParseUnbluCallResult = { ok: true; call: UnbluCall } | { ok: false; error: UnbluCallParseError };
