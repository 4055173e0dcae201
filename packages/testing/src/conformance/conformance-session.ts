import { setTimeout as delay } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import type { MessengerAdapter } from '@parley/core';
import { createRecordingContext, type RecordingContext } from '../adapter/recording-context.js';
import type { ConformanceHarness, ConformanceOptions, ConformanceSetup } from './conformance-harness.js';

/** A conformance check found the adapter breaking the contract; the message names the clause. */
export class ConformanceFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConformanceFailure';
  }
}

/** One check's world: the harness, the started adapter, the context the suite gave it. */
export interface ConformanceSession {
  readonly harness: ConformanceHarness;
  readonly adapter: MessengerAdapter;
  readonly context: RecordingContext;
  readonly chatId: string;
  readonly timeoutMs: number;
  readonly quietMs: number;
  /** Starts the adapter (bounded by `timeoutMs`); the session stops it at the end. */
  start(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 2_000;
export const DEFAULT_QUIET_MS = 200;

/**
 * Runs `body` against a fresh harness, started unless `start` is false, and always cleans up:
 * stop (bounded, so a hanging stop does not hide the real failure), abort the context, teardown.
 */
export async function withSession(
  setup: ConformanceSetup,
  options: ConformanceOptions,
  body: (session: ConformanceSession) => Promise<void>,
  { start = true }: { start?: boolean } = {},
): Promise<void> {
  const harness = await setup();
  const context = createRecordingContext({ messengerId: 'conformance', ...(harness.http ? { http: harness.http } : {}) });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let started = false;
  const session: ConformanceSession = {
    harness,
    adapter: harness.adapter,
    context,
    chatId: harness.chatId ?? 'conformance-chat',
    timeoutMs,
    quietMs: options.quietMs ?? DEFAULT_QUIET_MS,
    start: async () => {
      started = true;
      await within(harness.adapter.start(context), timeoutMs, 'start() did not resolve');
    },
  };
  try {
    if (start) await session.start();
    await body(session);
  } finally {
    // Best effort: a stop that fails or hangs here must not hide the check's own verdict.
    if (started) await within(harness.adapter.stop(), timeoutMs, 'stop() did not resolve').catch(() => undefined);
    context.controller.abort();
    await harness.teardown();
  }
}

/** Fails the check with `message` unless `condition` holds. */
export function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ConformanceFailure(message);
}

/** Polls `condition` (real time) until it holds; fails with `message()` after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  message: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() >= deadline) throw new ConformanceFailure(`${message()} (waited ${timeoutMs} ms)`);
    await delay(10);
  }
}

/** `promise`'s outcome, or a failure naming what did not happen within `timeoutMs`. */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  const abandon = new AbortController();
  const timeout = delay(timeoutMs, undefined, { signal: abandon.signal }).then(() => {
    throw new ConformanceFailure(`${what} within ${timeoutMs} ms`);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    // The race already subscribed to `timeout`, so its abort rejection is not unhandled.
    abandon.abort();
  }
}

/** Waits `ms` of real time, to watch for something that must not happen. */
export function quietly(ms: number): Promise<void> {
  return delay(ms);
}

/** A text no earlier check (or run) can have produced, so assertions never match stale messages. */
export function uniqueText(label: string): string {
  return `conformance ${label} ${randomUUID().slice(0, 8)}`;
}

/** How often the customer has seen a text containing `text`. */
export async function timesReceived(session: ConformanceSession, text: string): Promise<number> {
  const received = await session.harness.customer.received(session.chatId);
  return received.filter((t) => t.includes(text)).length;
}
