import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ParleyEngine,
  type AgentMessageEvent,
  type MessengerAdapter,
  type MessengerBinding,
  type ParleyEngineOptions,
  type ParleyStore,
} from '@parley/core';
import { openParleyStore } from '@parley/store';
import { type FakeUnbluGateway, LoopbackAdapter, waitUntil } from '@parley/testing';

/*
 * Shared setup for the engine scenarios: a real store (SQLite file or a fresh PostgreSQL schema),
 * the in-memory Unblu fake, loopback adapters, and engines tuned for quick retries.
 */

export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: StoreKind[] = ['sqlite', 'postgres'];

export const PG_URL = process.env['PARLEY_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A place for one test's data; every `open()` is another connection to the same data. */
export interface StoreLocation {
  kind: StoreKind;
  open(): Promise<ParleyStore>;
  /** Drops the data (schema or folder). */
  destroy(): Promise<void>;
}

let schemaCounter = 0;

export function storeLocation(kind: StoreKind): StoreLocation {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'parley-engine-'));
    return {
      kind,
      open: () => openParleyStore(`sqlite:${join(dir, 'parley.db')}`),
      destroy: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  schemaCounter += 1;
  const schema = `engine_${process.pid}_${Date.now().toString(36)}_${schemaCounter}`;
  return {
    kind,
    open: () => openParleyStore(PG_URL, { schema }),
    destroy: async () => {
      const admin = await openParleyStore(PG_URL, { schema });
      await admin.close();
      await dropSchema(schema);
    },
  };
}

async function dropSchema(schema: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Quick retries so outages of a few hundred ms recover within a test. */
export const FAST: Partial<ParleyEngineOptions> = {
  pollIntervalMs: 20,
  concurrency: 8,
  jobLeaseMs: 5_000,
  receiverLeaseMs: 300,
  drainTimeoutMs: 2_000,
  retryPolicy: { initialDelayMs: 10, maxDelayMs: 100, factor: 2, jitter: 0.2, maxAttempts: 100, maxAgeMs: 60_000 },
};

export interface EngineRig<A extends MessengerAdapter = LoopbackAdapter> {
  engine: ParleyEngine;
  adapter: A;
  binding: MessengerBinding;
  store: ParleyStore;
}

/** An engine with one loopback messenger on the given channel. Call `engine.stop()` and `store.close()` after. */
export async function startRig<A extends MessengerAdapter = LoopbackAdapter>(
  store: ParleyStore,
  gateway: FakeUnbluGateway,
  channelId: string,
  options: { adapter?: A; binding?: Partial<MessengerBinding>; engine?: Partial<ParleyEngineOptions> } = {},
): Promise<EngineRig<A>> {
  const adapter = options.adapter ?? (new LoopbackAdapter({ capabilities: { centralAccount: true } }) as unknown as A);
  const binding: MessengerBinding = { messengerId: 'loop', adapter, channelId, ...options.binding };
  const engine = new ParleyEngine({ store, gateway, messengers: [binding], ...FAST, ...options.engine });
  await engine.start();
  return { engine, adapter, binding, store };
}

export async function newChannel(gateway: FakeUnbluGateway, name = 'Loopback'): Promise<string> {
  const channel = await gateway.channels.create({ name, endpoint: 'http://127.0.0.1/unblu', messageStateHandledExternally: true });
  return channel.id;
}

let agentMessageCounter = 0;

/** An agent's text message as Unblu hands it to Parley. */
export function agentText(channelId: string, conversationId: string, text: string, overrides: Partial<AgentMessageEvent> = {}): AgentMessageEvent {
  agentMessageCounter += 1;
  const messageId = overrides.messageId ?? `agent-msg-${agentMessageCounter}`;
  return {
    type: 'agent-message',
    delivery: { mechanism: 'outbound', name: 'outbound.external_messenger.new_message', id: `inv-${messageId}`, retryNo: 0 },
    channelId,
    conversationId,
    messageId,
    sender: { personType: 'AGENT', displayName: 'Anna' },
    internal: false,
    content: { kind: 'text', text, markdown: false },
    receivingContacts: [],
    sentAt: Date.now(),
    ...overrides,
  };
}

/** Polls until `condition` holds (or fails the test after `timeoutMs`); the engine scenarios' argument order. */
export function until<T>(condition: () => T | Promise<T>, timeoutMs = 20_000, what = 'condition'): Promise<NonNullable<T>> {
  return waitUntil(what, condition, timeoutMs, 10);
}

/** Asserts every chat's items arrive exactly once and in the order sent. */
export function expectExactlyOnceInOrder(received: readonly string[], expectedPerChat: ReadonlyMap<string, string[]>, chatOf: (item: string) => string): void {
  const seen = new Set<string>();
  const duplicates = received.filter((item) => (seen.has(item) ? true : (seen.add(item), false)));
  expect(duplicates).toEqual([]);
  for (const [chat, expected] of expectedPerChat) {
    expect(received.filter((item) => chatOf(item) === chat)).toEqual(expected);
  }
}
