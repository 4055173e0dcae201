#!/usr/bin/env node
/*
 * Jobs per second through Parley's durable queue, on SQLite and on PostgreSQL, with durable
 * commits (SQLite WAL + synchronous=FULL, PostgreSQL synchronous_commit=on).
 *
 *   npm run bench:queue                 # both stores
 *   npm run bench:queue -- --store sqlite --jobs 20000
 *
 * Rows: "many chats" spreads jobs over many order keys (the normal case: many customers at once);
 * "one chat" puts every job behind one key (strictly one at a time, the worst case for a chat).
 * "enqueue" is the rate of committed enqueues from concurrent producers, "drain" the rate at which
 * the workers claim, run (a no-op handler) and complete them, "through" both one after the other;
 * "engine" is the whole customer → Unblu path with producers and workers at once (sink → job →
 * link → post to an in-memory Unblu → message map).
 * Needs the packages built (the npm script does it) and PostgreSQL at PARLEY_BENCH_PG_URL
 * (default postgres://postgres@127.0.0.1:5432/test).
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { parseArgs } = require('node:util');
const { JobQueue, ParleyEngine, DEFAULT_RETRY_POLICY, silentLogger, systemClock } = require('@parley/core');
const { openParleyStore } = require('@parley/store');
const { FakeUnbluGateway, LoopbackAdapter } = require('@parley/testing');
const { Client } = require('pg');

const { values: args } = parseArgs({
  options: {
    store: { type: 'string', default: 'both' },
    jobs: { type: 'string', default: '10000' },
    chats: { type: 'string', default: '500' },
    'one-chat-jobs': { type: 'string', default: '2000' },
    'engine-messages': { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '64' },
  },
});
const PG_URL = process.env.PARLEY_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const JOBS = Number(args.jobs);
const CHATS = Number(args.chats);
const ONE_CHAT_JOBS = Number(args['one-chat-jobs']);
const ENGINE_MESSAGES = Number(args['engine-messages']);
const CONCURRENCY = Number(args.concurrency);
const PRODUCERS = 64;

async function location(kind) {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
    return { open: () => openParleyStore(`sqlite:${join(dir, 'bench.db')}`), destroy: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `bench_${process.pid}_${Date.now().toString(36)}`;
  return {
    open: () => openParleyStore(PG_URL, { schema }),
    destroy: async () => {
      const client = new Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

/** Runs `count` tasks with at most `parallel` in flight. */
async function inParallel(count, parallel, task) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
}

async function enqueueAll(store, count, keyOf) {
  const started = performance.now();
  await inParallel(count, PRODUCERS, (i) =>
    store.jobs.enqueue({ id: `job-${i}`, kind: 'bench', orderKey: keyOf(i), payload: { i, text: 'a customer message of ordinary length' } }, Date.now()),
  );
  return count / ((performance.now() - started) / 1000);
}

async function drainAll(store, count) {
  let done = 0;
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  const handlers = new Map([['bench', { run: async () => void (++done === count && finish()) }]]);
  const queue = new JobQueue(store.jobs, handlers, systemClock, silentLogger, {
    owner: 'bench',
    concurrency: CONCURRENCY,
    leaseMs: 30_000,
    pollIntervalMs: 50,
    drainTimeoutMs: 5_000,
    retryPolicy: DEFAULT_RETRY_POLICY,
  });
  const started = performance.now();
  queue.start();
  await finished;
  // The last completions are committed once the queue has settled them.
  while ((await store.jobs.depth()) > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const rate = count / ((performance.now() - started) / 1000);
  await queue.stop();
  return rate;
}

async function queueRows(kind, label, count, keyOf) {
  const where = await location(kind);
  const store = await where.open();
  try {
    const enqueue = await enqueueAll(store, count, keyOf);
    const drain = await drainAll(store, count);
    const total = count / (count / enqueue + count / drain);
    return { store: kind, case: label, jobs: count, 'enqueue jobs/s': Math.round(enqueue), 'drain jobs/s': Math.round(drain), 'through jobs/s': Math.round(total) };
  } finally {
    await store.close();
    await where.destroy();
  }
}

async function engineRow(kind) {
  const where = await location(kind);
  const store = await where.open();
  const gateway = new FakeUnbluGateway();
  const channel = await gateway.channels.create({ name: 'bench', endpoint: 'http://127.0.0.1/unblu' });
  const adapter = new LoopbackAdapter();
  const engine = new ParleyEngine({ store, gateway, messengers: [{ messengerId: 'loop', adapter, channelId: channel.id }], concurrency: CONCURRENCY, pollIntervalMs: 50 });
  await engine.start();
  try {
    const started = performance.now();
    await inParallel(ENGINE_MESSAGES, PRODUCERS, (i) =>
      adapter.customerSends(`chat-${i % CHATS}`, { text: `message ${i}`, externalMessageId: `m-${i}` }),
    );
    while (gateway.posted().length < ENGINE_MESSAGES) await new Promise((resolve) => setTimeout(resolve, 5));
    const rate = ENGINE_MESSAGES / ((performance.now() - started) / 1000);
    return { store: kind, case: `engine: customer → Unblu, ${CHATS} chats`, jobs: ENGINE_MESSAGES, 'enqueue jobs/s': '', 'drain jobs/s': '', 'through jobs/s': Math.round(rate) };
  } finally {
    await engine.stop();
    await store.close();
    await where.destroy();
  }
}

async function main() {
  const kinds = args.store === 'both' ? ['sqlite', 'postgres'] : [args.store];
  const rows = [];
  for (const kind of kinds) {
    rows.push(await queueRows(kind, `many chats (${CHATS})`, JOBS, (i) => `chat-${i % CHATS}`));
    rows.push(await queueRows(kind, 'one chat', ONE_CHAT_JOBS, () => 'chat-0'));
    rows.push(await engineRow(kind));
  }
  console.log(`Parley queue throughput — node ${process.version}, ${require('node:os').cpus().length} cores, worker concurrency ${CONCURRENCY}, ${PRODUCERS} producers`);
  console.table(rows);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
