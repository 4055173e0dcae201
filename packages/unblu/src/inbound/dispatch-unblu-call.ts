import { TransientError, type Logger, type PingEvent, type UnbluEvent, type UnbluEventListener } from '@parley/core';
import type { UnbluCall } from './unblu-call.js';
import {
  messageStateResponse,
  newMessageResponse,
  pingResponse,
  unsupportedRequestResponse,
  webhookAcknowledgement,
} from './unblu-responses.js';

/** The answer to one call, before it is serialised and signed. */
export interface UnbluReply {
  status: number;
  body: Record<string, unknown>;
  /** Sent as `Retry-After` (seconds) with a 503. */
  retryAfterSeconds?: number;
}

const ok = (body: Record<string, unknown>): UnbluReply => ({ status: 200, body });

/** `onPing` is a notification: its failure is logged and must not fail Unblu's ping. */
function notifyPing(event: PingEvent, listener: UnbluEventListener, logger: Logger): void {
  try {
    listener.onPing?.(event);
  } catch (error) {
    logger.warn({ err: error, name: event.delivery.name }, 'onPing listener threw; answering the ping anyway');
  }
}

async function dispatchEvent(event: UnbluEvent, listener: UnbluEventListener, logger: Logger): Promise<UnbluReply> {
  const outbound = event.delivery.mechanism === 'outbound';
  switch (event.type) {
    case 'ping':
      notifyPing(event, listener, logger);
      return ok(outbound ? pingResponse(event.pingId) : webhookAcknowledgement());
    case 'agent-message': {
      const { externalMessageId } = await listener.onAgentMessage(event);
      if (typeof externalMessageId !== 'string' || externalMessageId === '') {
        throw new TypeError('onAgentMessage resolved without an externalMessageId');
      }
      return ok(outbound ? newMessageResponse(externalMessageId) : webhookAcknowledgement());
    }
    case 'message-state':
      await listener.onMessageState(event);
      return ok(outbound ? messageStateResponse() : webhookAcknowledgement());
    case 'conversation':
      await listener.onConversationEvent(event);
      return ok(webhookAcknowledgement());
  }
}

/**
 * Hands `call` to the listener and builds the answer Unblu expects. Resolves only once the
 * listener has: the 2xx it becomes tells Unblu the event is safely accepted. Rejects with
 * whatever the listener rejected with; see {@link failureReply}.
 */
export async function dispatchUnbluCall(call: UnbluCall, listener: UnbluEventListener, logger: Logger): Promise<UnbluReply> {
  switch (call.kind) {
    case 'event':
      return dispatchEvent(call.event, listener, logger);
    case 'unsupported':
      logger.info({ name: call.delivery.name }, 'declined agent-initiated contact request');
      return ok(unsupportedRequestResponse(call.request));
    case 'ignored':
      logger.debug({ name: call.delivery.name, reason: call.reason }, 'ignored Unblu call');
      return ok(webhookAcknowledgement());
  }
}

/**
 * The answer to a listener failure: a {@link TransientError} becomes 503 (with `Retry-After` when
 * it names a delay) so that Unblu tries again; anything else 500. The body never carries the
 * error's message, which may hold internal details; the error is logged instead.
 */
export function failureReply(error: unknown, logger: Logger, fields: Record<string, unknown>): UnbluReply {
  if (error instanceof TransientError) {
    logger.warn({ ...fields, err: error }, 'listener failed transiently; asking Unblu to retry');
    const reply: UnbluReply = { status: 503, body: { error: 'temporarily unavailable' } };
    if (error.retryAfterMs !== undefined) reply.retryAfterSeconds = Math.ceil(error.retryAfterMs / 1000);
    return reply;
  }
  logger.error({ ...fields, err: error }, 'listener failed on an Unblu call');
  return { status: 500, body: { error: 'internal error' } };
}
