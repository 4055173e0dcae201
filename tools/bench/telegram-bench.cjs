#!/usr/bin/env node
/*
 * The Telegram adapter in the Parley host, as a process: customer → Unblu through the Bot API
 * simulator by long polling and by webhook (max_connections 1 and 40), agent → Telegram, each
 * against the loopback messenger of the same host as the baseline; the host's RSS.
 *
 *   npx nx run-many -t build && node tools/bench/telegram-bench.cjs
 *   node tools/bench/telegram-bench.cjs --messages 4000 --chats 100 --agent-messages 4000
 *
 * Processes: one host (`apps/host/dist/cli.js serve`, log level warn, SQLite in a temp dir) with
 * four messengers, each with its own Unblu channel and (Telegram) its own bot; the Unblu simulator
 * v4 with the loopback customer app (tools/bench/host/sim-child.cjs); the Bot API simulator
 * (tools/bench/telegram/bot-api-child.cjs). Outbound pacing is lifted far above Telegram's limits,
 * so the adapter's network path is measured, not its deliberate spacing. This process writes the
 * customers' messages over HTTP (the loopback route, the Bot API simulator's control API) and
 * reads /proc and the host's /metrics. Not a test: it prints numbers.
 */
const { mkdtempSync, writeFileSync, openSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');
const { parseArgs } = require('node:util');
const proc = require('./host/processes.cjs');
const { customerLoad, customerText, untilHeld, post, agent } = require('./host/load.cjs');
const { formatTable, logWarnings } = require('./host/report.cjs');
const { LOOP_CHANNEL, loopMessenger, hostConfigYaml } = require('./host/host-config.cjs');

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '2000' },
    chats: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '64' },
    'agent-messages': { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '200' },
  },
});
const N = Number(args.messages);
const K = Number(args.chats);
const C = Number(args.concurrency);
const M = Number(args['agent-messages']);
const WARMUP = Number(args.warmup);
const ROOT = join(__dirname, '..', '..');
const PACING = { perChatPerSecond: 1000, perChatBurst: 1000, perBotPerSecond: 10_000 };
/** Telegram messengers by id, each with a bot of its own in the simulator (named after the id). */
const TELEGRAM = {
  'tg-polling': { label: 'Telegram polling', options: { mode: 'polling' } },
  'tg-webhook-1': { label: 'Telegram webhook, max_connections 1', options: { mode: 'webhook', webhook: { maxConnections: 1 } } },
  'tg-webhook-40': { label: 'Telegram webhook, max_connections 40', options: { mode: 'webhook', webhook: { maxConnections: 40 } } },
};
/** The host's default `engine.concurrency`: jobs run at once, over all messengers. */
const ENGINE_CONCURRENCY = 16;
const FIRST_CHAT_ID = 810_000_001;
/** Pushes the host served at once (mean) up to which the webhook path waits on round trips rather than CPU. */
const SERIAL_PUSHES = 1.05;
const chatIds = Array.from({ length: K }, (_, k) => FIRST_CHAT_ID + k);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The loopback baseline, then one Telegram messenger (own bot, own channel) per entry of TELEGRAM. */
function messengers(deliverTo, telegram) {
  const bots = Object.entries(TELEGRAM).map(([id, m]) => ({
    id,
    adapter: '@parley/adapter-telegram',
    channel: `Bench ${id}`,
    options: { token: telegram.tokens[id], apiRoot: telegram.url, pacing: PACING, ...m.options },
  }));
  return [loopMessenger(deliverTo), ...bots];
}

const dir = mkdtempSync(join(os.tmpdir(), 'parley-telegram-bench-'));
proc.tempDirs.add(dir);

/** The two simulators, then the host once they listen; resolves when the host's /readyz is 200 (all messengers connected). */
async function startProcesses() {
  const unbluChild = proc.spawnChild(join(__dirname, 'host', 'sim-child.cjs'), [], { ipc: true });
  const telegramChild = proc.spawnChild(join(__dirname, 'telegram', 'bot-api-child.cjs'), Object.keys(TELEGRAM), { ipc: true });
  const [{ apiBaseUrl, deliverTo }, telegram] = await Promise.all([proc.firstMessage(unbluChild), proc.firstMessage(telegramChild)]);
  const port = await proc.freePort();
  const hostUrl = `http://127.0.0.1:${port}`;
  const hostLog = join(dir, 'host.log');
  writeFileSync(join(dir, 'parley.yaml'), hostConfigYaml({ apiBaseUrl, port, secret: randomBytes(24).toString('hex'), dir, messengers: messengers(deliverTo, telegram) }));
  const host = proc.spawnChild(join(ROOT, 'apps/host/dist/cli.js'), ['serve', '--config', join(dir, 'parley.yaml')], { logFile: openSync(hostLog, 'a') });
  await proc.waitFor200(`${hostUrl}/readyz`, host, performance.now());
  const pids = { host: host.pid, telegram: telegramChild.pid, unblu: unbluChild.pid, bench: process.pid };
  return { hostUrl, hostLog, pids, telegram, unblu: proc.ipcClient(unbluChild), bots: proc.ipcClient(telegramChild) };
}

/** Creates one simulated customer per chat id for the bot, through the control API. */
async function openChats(telegram, token) {
  for (const id of chatIds) {
    const res = await post(`${telegram.url}/_sim/customers?token=${encodeURIComponent(token)}`, Buffer.from(JSON.stringify({ id, firstName: `Customer ${id - FIRST_CHAT_ID}` })));
    if (res.status !== 201) throw new Error(`creating customer ${id}: ${res.status} ${res.body}`);
  }
}

/** Customer messages Unblu holds for the channel, counted from now on. */
async function heldFromNow(unblu, channel) {
  const before = await unblu('visitorMessages', channel);
  return async () => (await unblu('visitorMessages', channel)) - before;
}

/** Customer → Unblu through each path. The loopback path first warms the host up (engine, store, Unblu client) on chats of its own. */
async function customerSteps({ hostUrl, telegram, unblu, channels }, measure) {
  const loopUrl = `${hostUrl}/messengers/loop/customer/messages`;
  if (WARMUP > 0) await customerLoad({ url: loopUrl, count: WARMUP, chats: 10, concurrency: C, tag: 'warm', held: await heldFromNow(unblu, channels.loop) });
  const inbound = {};
  inbound.loop = await measure(async () => customerLoad({ url: loopUrl, count: N, chats: K, concurrency: C, tag: 'p', held: await heldFromNow(unblu, channels.loop) }));
  for (const id of Object.keys(TELEGRAM)) {
    const token = encodeURIComponent(telegram.tokens[id]);
    const request = (i) => ({ url: `${telegram.url}/_sim/chats/${chatIds[i % K]}/messages?token=${token}`, body: Buffer.from(JSON.stringify({ text: customerText(i) })) });
    const webhookRoute = TELEGRAM[id].options.mode === 'webhook' ? `/messengers/${id}/webhook` : undefined;
    inbound[id] = await measure(async () => customerLoad({ request, count: N, concurrency: C, held: await heldFromNow(unblu, channels[id]) }), { webhookRoute });
  }
  return inbound;
}

/** Agent → customer: M agent messages from the Unblu simulator over the K conversations the customers opened above. */
async function agentSteps({ telegram, unblu, bots, channels }, measure) {
  const conversations = async (channel, keep) => (await unblu('conversations', channel)).filter((c) => keep(c.sourceId)).map((c) => c.id);
  const outbound = {};
  const deliveredBefore = await unblu('delivered');
  const loopConversations = await conversations(channels.loop, (sourceId) => sourceId.startsWith('p-chat-'));
  outbound.loop = await measure(async () => {
    await unblu('agentSend', { conversationIds: loopConversations, count: M, tag: 'loop' });
    await untilHeld(async () => (await unblu('delivered')) - deliveredBefore, M, 'the loopback customer app');
    return {};
  });
  const token = telegram.tokens['tg-polling'];
  const sentBefore = await bots('sent', { token, chatIds });
  const telegramConversations = await conversations(channels['tg-polling'], () => true);
  outbound.telegram = await measure(async () => {
    await unblu('agentSend', { conversationIds: telegramConversations, count: M, tag: 'tg' });
    await untilHeld(async () => (await bots('sent', { token, chatIds })) - sentBefore, M, 'the Telegram simulator');
    return {};
  });
  for (const r of Object.values(outbound)) r.msgsPerSec = M / r.wall;
  return outbound;
}

const METRICS = {
  lag: 'nodejs_eventloop_lag_p99_seconds',
  inboundSum: 'parley_job_duration_seconds_sum|kind="inbound.message"',
  inboundCount: 'parley_job_duration_seconds_count|kind="inbound.message"',
  outboundSum: 'parley_job_duration_seconds_sum|kind="outbound.message"',
  outboundCount: 'parley_job_duration_seconds_count|kind="outbound.message"',
};

/**
 * Runs a step while counting CPU of every process, the host's job and webhook timings and the
 * Bot API calls it made. A webhook route's summed request time over the wall time is the mean
 * number of pushes the host was serving at once.
 */
function measurer(metricsUrl, pids, bots) {
  const calls = async () => ({ polls: await bots('calls', 'getUpdates'), sends: await bots('calls', 'sendMessage') });
  return async (fn, { webhookRoute } = {}) => {
    const pushSum = `parley_http_request_duration_seconds_sum|${webhookRoute}`;
    const pushCount = `parley_http_request_duration_seconds_count|${webhookRoute}`;
    const names = [...Object.values(METRICS), ...(webhookRoute ? [pushSum, pushCount] : [])];
    const before = { metrics: proc.metricValues((await proc.get(metricsUrl)).text, names), ...(await calls()) };
    const cpu = proc.cpuMeter(pids);
    const started = performance.now();
    const result = await fn();
    const wall = (performance.now() - started) / 1000;
    const shares = cpu.stop();
    const after = { metrics: proc.metricValues((await proc.get(metricsUrl)).text, names), ...(await calls()) };
    const delta = (name) => (after.metrics[name] ?? 0) - (before.metrics[name] ?? 0);
    const mean = (sum, count) => delta(sum) / Math.max(1, delta(count));
    return {
      ...result,
      wall,
      cpu: shares,
      lagMs: (after.metrics[METRICS.lag] ?? 0) * 1000,
      inboundJobMs: mean(METRICS.inboundSum, METRICS.inboundCount) * 1000,
      outboundJobMs: mean(METRICS.outboundSum, METRICS.outboundCount) * 1000,
      getUpdates: after.polls.count - before.polls.count,
      sendMessage: { count: after.sends.count - before.sends.count, refused: after.sends.failed - before.sends.failed },
      pushes: webhookRoute && { inFlight: delta(pushSum) / wall, ms: mean(pushSum, pushCount) * 1000 },
    };
  };
}

/**
 * A guess at what held a step back: webhook round trips, the host's CPU, the
 * engine's jobs (at most `engine.concurrency` at once, so ≤ concurrency / job duration), or
 * waiting on round trips.
 */
function likelyLimit(r, jobMs) {
  if (r.pushes && r.pushes.inFlight <= SERIAL_PUSHES) return 'webhook round trips, not CPU';
  const engineMax = (ENGINE_CONCURRENCY * 1000) / jobMs;
  const engine = r.msgsPerSec >= 0.8 * engineMax ? `${ENGINE_CONCURRENCY} jobs × ${jobMs.toFixed(0)} ms ≈ ${engineMax.toFixed(0)}/s` : undefined;
  if (r.cpu.host >= 0.9) return engine ? `host CPU: ${engine}` : 'host CPU';
  if (engine) return `engine: ${engine}`;
  const busy = Object.values(r.cpu).reduce((a, b) => a + b, 0);
  return busy >= 0.9 * os.cpus().length ? 'all cores busy' : 'round trips, not CPU';
}

function report({ inbound, outbound, idleRss, maxRss, hostLog }) {
  const f0 = (x) => x.toFixed(0);
  const f1 = (x) => x.toFixed(1);
  const customer = (label, r, detail = '') => ({ path: `customer → Unblu: ${label}`, r, base: inbound.loop, count: N, jobMs: r.inboundJobMs, written: f0(r.acceptedPerSec), detail: `${detail}inbound job ${f1(r.inboundJobMs)} ms` });
  const agentSide = (label, r, detail = '') => ({ path: `agent → customer: ${label}`, r, base: outbound.loop, count: M, jobMs: r.outboundJobMs, written: '—', detail: `${detail}outbound job ${f1(r.outboundJobMs)} ms` });
  const steps = [
    customer('loopback (baseline)', inbound.loop),
    ...Object.entries(TELEGRAM).map(([id, { label, options }]) => {
      const r = inbound[id];
      return customer(label, r, options.mode === 'polling' ? `${f1(N / Math.max(1, r.getUpdates))} updates per getUpdates, ` : `${f1(r.pushes.inFlight)} pushes served at once (mean), ${f1(r.pushes.ms)} ms each, `);
    }),
    agentSide('loopback (baseline)', outbound.loop),
    agentSide('Telegram sendMessage', outbound.telegram, `${outbound.telegram.sendMessage.refused} of ${outbound.telegram.sendMessage.count} sendMessage refused, `),
  ];
  const rows = steps.map(({ path, r, base, count, jobMs, written }) => [
    path, f0(r.msgsPerSec), `${(r.msgsPerSec / base.msgsPerSec).toFixed(2)}×`, written,
    f0(r.cpu.host * 100), f1((r.cpu.host * r.wall * 1000) / count), f0(r.cpu.telegram * 100), f0(r.cpu.unblu * 100), f0(r.cpu.bench * 100),
    likelyLimit(r, jobMs),
  ]);
  console.log(`Parley Telegram bench — ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), node ${process.version}, SQLite, Unblu simulator v4, Bot API simulator`);
  console.log(`customer → Unblu: ${N} msgs over ${K} chats by ${C} writers, until all are in Unblu; agent → customer: ${M} msgs over ${K} conversations, until all reached the customer.`);
  console.log(`Telegram pacing lifted to ${PACING.perChatPerSecond}/s per chat (burst ${PACING.perChatBurst}), ${PACING.perBotPerSecond}/s per bot. CPU: % of one core per process during the step.\n`);
  const header = ['path', 'msgs/s', '× loopback', 'written/s', 'host CPU%', 'host CPU ms/msg', 'Bot API sim%', 'Unblu sim%', 'bench%', 'likely limit'];
  formatTable(header, rows).forEach((l) => console.log(l));
  console.log('');
  for (const { path, r, detail } of steps) console.log(`${path}: ${detail}, host event loop lag p99 ${f0(r.lagMs)} ms`);
  console.log(`host RSS: ${f1(idleRss)} MiB idle (four messengers), ${f1(maxRss)} MiB max under load`);
  for (const [id, r] of Object.entries(inbound)) for (const error of r.errors.slice(0, 3)) console.log(`${id} write error: ${error}`);
  for (const [msg, count] of logWarnings(hostLog)) console.log(`host log ×${count}: ${msg}`);
}

async function main() {
  const ctx = await startProcesses();
  ctx.channels = { loop: await ctx.unblu('channelId', LOOP_CHANNEL) };
  for (const id of Object.keys(TELEGRAM)) {
    ctx.channels[id] = await ctx.unblu('channelId', `Bench ${id}`);
    await openChats(ctx.telegram, ctx.telegram.tokens[id]);
  }
  await sleep(2_000);
  const idleRss = proc.rssMiB(ctx.pids.host);
  const sampler = proc.rssSampler({ host: ctx.pids.host });
  const measure = measurer(`${ctx.hostUrl}/metrics`, ctx.pids, ctx.bots);
  const inbound = await customerSteps(ctx, measure);
  const outbound = await agentSteps(ctx, measure);
  report({ inbound, outbound, idleRss, maxRss: sampler.stop().host, hostLog: ctx.hostLog });
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    agent.destroy();
    await proc.cleanup();
  });
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => proc.cleanup().finally(() => process.exit(130)));
