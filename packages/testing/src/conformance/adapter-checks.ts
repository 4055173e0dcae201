import { randomUUID } from 'node:crypto';
import {
  PermanentError,
  TransientError,
  checkAdapterDescriptor,
  type HealthState,
  type InboundMessage,
  type OutboundMessage,
} from '@parley/core';
import type { ConformanceOptions, ConformanceSetup } from './conformance-harness.js';
import {
  ConformanceFailure,
  ensure,
  quietly,
  timesReceived,
  uniqueText,
  waitUntil,
  within,
  withSession,
  type ConformanceSession,
} from './conformance-session.js';

/** One conformance check: resolves when the adapter keeps the clause, rejects with a {@link ConformanceFailure} naming it. */
export type ConformanceCheckFn = (setup: ConformanceSetup, options?: ConformanceOptions) => Promise<void>;

const HEALTH_STATES: readonly HealthState[] = ['connecting', 'connected', 'degraded', 'failed'];
/** How often the redelivery check prompts `harness.redeliver` while it waits. */
const REPROMPT_MS = 100;
/** 2001-09-09 in ms: a `sentAt` below it is almost surely in seconds (Telegram's `date`, Unix time). */
const EARLIEST_MS = 1e12;

/** The descriptor passes `checkAdapterDescriptor`, is plain data, is consistent, and start() does not change it. */
export const checkDescriptor: ConformanceCheckFn = (setup, options = {}) =>
  withSession(setup, options, async ({ adapter, start }) => {
    const problems = checkAdapterDescriptor(adapter.descriptor);
    ensure(problems.length === 0, `descriptor is invalid: ${problems.join('; ')}`);
    const notData = firstNonData(adapter.descriptor, 'descriptor');
    ensure(notData === undefined, `descriptor must be plain JSON data, readable without starting: ${notData}`);
    const before = JSON.stringify(adapter.descriptor);
    const { inbound, outbound, maxBytes } = adapter.descriptor.capabilities.attachments;
    ensure(inbound || outbound || maxBytes === 0, `descriptor declares attachments.maxBytes ${maxBytes} but no attachment support`);
    await start();
    ensure(JSON.stringify(adapter.descriptor) === before, 'descriptor changed when the adapter started; it must be fixed data');
  }, { start: false });

/** start() resolves, and health is reported (as state, never thrown) until `connected`. */
export const checkStartReportsHealth: ConformanceCheckFn = (setup, options = {}) =>
  withSession(setup, options, async ({ context, timeoutMs }) => {
    const reported = () => JSON.stringify(context.health.reports.map((r) => r.state));
    await waitUntil(() => context.health.states.includes('connected'), timeoutMs, () => `health never reported "connected" after start(); reports: ${reported()}`);
    const unknown = context.health.states.filter((s) => !HEALTH_STATES.includes(s));
    ensure(unknown.length === 0, `health reported unknown states ${JSON.stringify(unknown)}`);
  });

/** A customer's text reaches the sink with the chat, a stable id, the sender, the text and a time in ms. */
export const checkInboundMessage: ConformanceCheckFn = (setup, options = {}) =>
  withSession(setup, options, async (session) => {
    const text = uniqueText('inbound');
    await session.harness.customer.sendText(session.chatId, text);
    const message = await storedWithText(session, text);
    const where = `inbound message ${JSON.stringify(message)}`;
    ensure(message.chatId === session.chatId, `${where}: chatId must be "${session.chatId}", the chat it was written in`);
    ensure(nonEmpty(message.externalMessageId), `${where}: externalMessageId must be a non-empty string`);
    ensure(nonEmpty(message.sender?.id), `${where}: sender.id must be a non-empty string`);
    ensure(Number.isFinite(message.sentAt) && message.sentAt > EARLIEST_MS, `${where}: sentAt must be ms since the epoch`);
    ensure(Array.isArray(message.attachments), `${where}: attachments must be an array (empty for a text)`);
  });

/**
 * The sink rejects a message (nothing stored): the adapter must not acknowledge it upstream, so
 * the messenger offers it again and it is stored in the end, under the same externalMessageId.
 */
export const checkRedeliveryAfterSinkRejection: ConformanceCheckFn = (setup, options = {}) =>
  withSession(setup, options, async (session) => {
    const { context, harness, timeoutMs } = session;
    const text = uniqueText('redelivery');
    context.inbound.rejectNext(1);
    await harness.customer.sendText(session.chatId, text);
    const hasText = (m: InboundMessage) => m.text?.trim() === text;
    await waitUntil(() => context.inbound.offers.some(hasText), timeoutMs, () => `the customer's message "${text}" never reached the sink`);
    const rejected = context.inbound.offers.find(hasText);
    // Prompt more than once: the first prompt may come before the adapter has seen the rejection.
    let promptedAt = 0;
    const storedYet = async () => {
      if (context.inbound.messages.some(hasText)) return true;
      if (harness.redeliver && Date.now() - promptedAt >= REPROMPT_MS) {
        promptedAt = Date.now();
        await harness.redeliver();
      }
      return context.inbound.messages.some(hasText);
    };
    await waitUntil(
      storedYet,
      timeoutMs,
      () => `the sink rejected "${text}" and it was never offered again: the adapter acknowledged it upstream before it was stored, so it is lost`,
    );
    const stored = context.inbound.messages.find(hasText);
    ensure(
      stored?.externalMessageId === rejected?.externalMessageId,
      `the redelivered message has externalMessageId "${stored?.externalMessageId}", first offered as "${rejected?.externalMessageId}": ids must be stable across redeliveries`,
    );
  });

/** send() returns a non-empty externalMessageId and the customer gets the text. */
export const checkOutboundSend: ConformanceCheckFn = (setup, options = {}) =>
  withSession(setup, options, async (session) => {
    const message = outbound(session, 'outbound');
    const result = await within(session.adapter.send(message, live()), session.timeoutMs, 'send() did not settle');
    ensure(nonEmpty(result?.externalMessageId), `send() resolved with ${JSON.stringify(result)}: externalMessageId must be a non-empty string`);
    await waitUntil(async () => (await timesReceived(session, textOf(message))) > 0, session.timeoutMs, () => `the customer never received "${textOf(message)}"`);
  });

/** Send failures are a TransientError or a PermanentError; after a transient one, a retry delivers once. */
export const checkSendErrorsAreTyped: ConformanceCheckFn = (setup, options = {}) =>
  withSession(setup, options, async (session) => {
    const transient = outbound(session, 'transient');
    await session.harness.faults.failNextSend('transient');
    await expectTypedFailure(session, transient, TransientError, 'a transient send failure');
    await within(session.adapter.send(transient, live()), session.timeoutMs, 'the retry after a transient failure did not settle');
    await quietly(session.quietMs);
    const times = await timesReceived(session, textOf(transient));
    ensure(times === 1, `after a transient failure and one retry the customer received the message ${times} times, expected once`);
    await session.harness.faults.failNextSend('permanent');
    await expectTypedFailure(session, outbound(session, 'permanent'), PermanentError, 'a permanent send failure');
  });

/** A second send() with the same parleyMessageId delivers nothing and returns the first externalMessageId. */
export const checkSendIsIdempotent: ConformanceCheckFn = (setup, options = {}) =>
  withSession(setup, options, async (session) => {
    const message = outbound(session, 'idempotent');
    const first = await within(session.adapter.send(message, live()), session.timeoutMs, 'send() did not settle');
    const second = await within(session.adapter.send({ ...message }, live()), session.timeoutMs, 'the repeated send() did not settle');
    await waitUntil(async () => (await timesReceived(session, textOf(message))) > 0, session.timeoutMs, () => `the customer never received "${textOf(message)}"`);
    await quietly(session.quietMs);
    const times = await timesReceived(session, textOf(message));
    ensure(times === 1, `two send() calls with parleyMessageId "${message.parleyMessageId}" reached the customer ${times} times, expected once`);
    ensure(
      second.externalMessageId === first.externalMessageId,
      `the repeated send() returned externalMessageId "${second.externalMessageId}", the first "${first.externalMessageId}": it must return the first`,
    );
  });

/** stop() lets an in-flight send finish before it resolves, is idempotent, and stops receiving. */
export const checkStopDrainsSends: ConformanceCheckFn = (setup, options = {}) =>
  withSession(setup, options, async (session) => {
    const { adapter, timeoutMs } = session;
    const message = outbound(session, 'drain');
    const send = { outcome: 'pending' as 'pending' | 'sent' | 'failed' };
    const sending = adapter.send(message, live()).then(
      () => (send.outcome = 'sent'),
      () => (send.outcome = 'failed'),
    );
    await within(adapter.stop(), timeoutMs, 'stop() did not resolve');
    ensure(send.outcome !== 'pending', 'stop() resolved while a send was still in flight: it must wait for in-flight sends');
    ensure(send.outcome === 'sent', 'stop() made the in-flight send fail: it must let it finish');
    await sending;
    await waitUntil(async () => (await timesReceived(session, textOf(message))) > 0, timeoutMs, () => `the customer never received the drained "${textOf(message)}"`);
    await within(adapter.stop(), timeoutMs, 'a second stop() did not resolve (stop must be idempotent)');
    const late = uniqueText('after stop');
    await session.harness.customer.sendText(session.chatId, late);
    await quietly(session.quietMs);
    const received = session.context.inbound.offers.some((m) => m.text?.trim() === late);
    ensure(!received, `a customer message written after stop() reached the sink: stop() must stop receiving`);
  });

/** send() with an aborted signal rejects and delivers nothing. */
export const checkSendHonoursAbortedSignal: ConformanceCheckFn = (setup, options = {}) =>
  withSession(setup, options, async (session) => {
    const message = outbound(session, 'aborted');
    const aborted = AbortSignal.abort(new Error('the engine gave up'));
    const outcome = await within(session.adapter.send(message, aborted).then(() => 'sent', () => 'rejected'), session.timeoutMs, 'send() with an aborted signal did not settle');
    ensure(outcome === 'rejected', 'send() with an aborted signal resolved: it must reject without sending');
    await quietly(session.quietMs);
    const times = await timesReceived(session, textOf(message));
    ensure(times === 0, `send() with an aborted signal still reached the customer (${times} times)`);
  });

async function expectTypedFailure(
  session: ConformanceSession,
  message: OutboundMessage,
  expected: typeof TransientError | typeof PermanentError,
  what: string,
): Promise<void> {
  let error: unknown;
  try {
    await within(session.adapter.send(message, live()), session.timeoutMs, `send() did not settle on ${what}`);
  } catch (caught) {
    error = caught;
  }
  if (error instanceof ConformanceFailure) throw error;
  ensure(error !== undefined, `send() resolved despite ${what}: it must reject with a ${expected.name}`);
  if (error instanceof expected) return;
  const name = (error as { name?: unknown } | null)?.name;
  ensure(
    name !== expected.name,
    `${what} threw a ${expected.name} that is not @parley/core's: the adapter has its own copy of @parley/core (make it a peer dependency)`,
  );
  throw new ConformanceFailure(`${what} must reject with a ${expected.name}, got ${describeError(error)}`);
}

async function storedWithText(session: ConformanceSession, text: string): Promise<InboundMessage> {
  const find = () => session.context.inbound.messages.find((m) => m.text?.trim() === text);
  await waitUntil(() => find() !== undefined, session.timeoutMs, () => {
    const seen = session.context.inbound.offers.map((m) => m.text);
    return `the customer's message "${text}" never reached the sink with that text; offered: ${JSON.stringify(seen)}`;
  });
  return find() as InboundMessage;
}

function outbound(session: ConformanceSession, label: string): OutboundMessage {
  return {
    parleyMessageId: `conformance-${randomUUID()}`,
    chatId: session.chatId,
    text: uniqueText(label),
    sender: { kind: 'agent', displayName: 'Conformance Agent' },
  };
}

function textOf(message: OutboundMessage): string {
  return message.text ?? '';
}

/** A signal that is not aborted (each send gets its own, as the engine gives each attempt a deadline). */
function live(): AbortSignal {
  return new AbortController().signal;
}

/** The path of the first value JSON would lose or change (functions, undefined, NaN, class instances). */
function firstNonData(value: unknown, path: string): string | undefined {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path} is ${value}`;
  if (typeof value !== 'object') return `${path} is a ${typeof value}`;
  if (Array.isArray(value)) return value.map((v, i) => firstNonData(v, `${path}[${i}]`)).find((p) => p !== undefined);
  if (Object.prototype.toString.call(value) !== '[object Object]') return `${path} is not a plain object`;
  return Object.entries(value).map(([k, v]) => firstNonData(v, `${path}.${k}`)).find((p) => p !== undefined);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `a non-Error ${JSON.stringify(error)}`;
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` (${code})` : ''}: ${error.message}`;
}
