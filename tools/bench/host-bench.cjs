#!/usr/bin/env node
/*
 * The Parley host as a process, against a bare relay: ready time, memory, customer → Unblu
 * throughput and answer latency to Unblu's outbound requests, on loopback with the SQLite store.
 *
 *   npx nx run-many -t build && node tools/bench/host-bench.cjs
 *   node tools/bench/host-bench.cjs --messages 3000 --chats 100 --concurrency 64 --rate 500 --seconds 10
 *   node tools/bench/host-bench.cjs --profile     # also a CPU profile of the host: where its time went
 *
 * Processes: the host (`apps/host/dist/cli.js serve`, log level warn, SQLite in a temp dir), the
 * Unblu simulator v4 with the loopback messenger's customer app (tools/bench/host/sim-child.cjs),
 * and the bare relay (tools/bench/host/bare-relay.cjs: same routes, calls Unblu directly, no store,
 * no engine). This process only generates load and reads /proc. Not a test: it prints numbers.
 */
const { mkdtempSync, writeFileSync, openSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');
const { parseArgs } = require('node:util');
const proc = require('./host/processes.cjs');
const { customerLoad, openLoop, agent } = require('./host/load.cjs');
const { summarize } = require('./host/profile.cjs');
const { LOOP_CHANNEL, loopMessenger, hostConfigYaml } = require('./host/host-config.cjs');
const { formatTable, logWarnings } = require('./host/report.cjs');

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '3000' },
    chats: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '64' },
    rate: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '10' },
    profile: { type: 'boolean', default: false },
  },
});
const N = Number(args.messages);
const CHATS = Number(args.chats);
const C = Number(args.concurrency);
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const ROOT = join(__dirname, '..', '..');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));


/** Runs `fn` while measuring CPU of `pid` and (for the host) the metrics that explain a miss. */
async function measured(pid, metricsUrl, fn) {
  const names = ['nodejs_eventloop_lag_p99_seconds', 'parley_job_duration_seconds_sum|inbound.message', 'parley_job_duration_seconds_count|inbound.message',
    'parley_http_request_duration_seconds_sum|/unblu', 'parley_http_request_duration_seconds_count|/unblu'];
  const before = metricsUrl ? proc.metricValues((await proc.get(metricsUrl)).text, names) : {};
  const cpu0 = proc.cpuSeconds(pid);
  const t0 = performance.now();
  const result = await fn();
  const wall = (performance.now() - t0) / 1000;
  const cpu = (proc.cpuSeconds(pid) - cpu0) / wall;
  const after = metricsUrl ? proc.metricValues((await proc.get(metricsUrl)).text, names) : {};
  const delta = (name) => (after[name] ?? 0) - (before[name] ?? 0);
  const mean = (prefix) => delta(`${prefix}_sum|${prefix.includes('job') ? 'inbound.message' : '/unblu'}`) / Math.max(1, delta(`${prefix}_count|${prefix.includes('job') ? 'inbound.message' : '/unblu'}`));
  return { ...result, cpu, lagP99: after['nodejs_eventloop_lag_p99_seconds'], jobMs: mean('parley_job_duration_seconds') * 1000, serverMs: mean('parley_http_request_duration_seconds') * 1000 };
}

function hints(p, bare) {
  const out = [];
  const busy = (m) => `host CPU ${(m.cpu * 100).toFixed(0)}% of a core, event loop lag p99 ${(m.lagP99 * 1000).toFixed(0)} ms`;
  if (p.throughput.msgsPerSec < 0.8 * bare.throughput.msgsPerSec) {
    const t = p.throughput;
    const limit = t.cpu > 0.85 ? 'the event loop is busy computing' : t.lagP99 > 0.05 ? 'the event loop is blocked without using the CPU: synchronous I/O on it (--profile shows which)' : 'waiting on I/O off the loop (store commits, Unblu calls in series per chat)';
    out.push(`throughput: ${limit} — ${busy(t)}; intake ${t.acceptedPerSec.toFixed(0)} msgs/s committed, inbound job mean ${t.jobMs.toFixed(1)} ms (engine concurrency 16 → ≤ ${(16000 / t.jobMs).toFixed(0)} msgs/s)`);
  }
  if (p.answers.p99 > 10) {
    const a = p.answers;
    out.push(`answer p99: requests wait before the handler (server-side mean ${a.serverMs.toFixed(1)} ms: verify, parse, enqueue), ${busy(a)}${args.profile ? '' : '; --profile shows where the loop goes'}`);
  }
  return out;
}

const dir = mkdtempSync(join(os.tmpdir(), 'parley-host-bench-'));
proc.tempDirs.add(dir);
const profileDir = join(dir, 'profile');

async function main() {
  const simChild = proc.spawnChild(join(__dirname, 'host', 'sim-child.cjs'), [], { ipc: true });
  const { apiBaseUrl, deliverTo } = await proc.firstMessage(simChild);
  const sim = proc.ipcClient(simChild);

  // Parley host
  const secret = randomBytes(24).toString('hex');
  const hostPort = await proc.freePort();
  const hostUrl = `http://127.0.0.1:${hostPort}`;
  writeFileSync(join(dir, 'parley.yaml'), hostConfigYaml({ apiBaseUrl, port: hostPort, secret, dir, messengers: [loopMessenger(deliverTo)] }));
  const hostLog = join(dir, 'host.log');
  const spawnedAt = performance.now();
  const host = proc.spawnChild(join(ROOT, 'apps/host/dist/cli.js'), ['serve', '--config', join(dir, 'parley.yaml')], {
    logFile: openSync(hostLog, 'a'),
    nodeArgs: args.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  const hostReady = await proc.waitFor200(`${hostUrl}/readyz`, host, spawnedAt);

  // Bare relay
  const relayPort = await proc.freePort();
  const relayUrl = `http://127.0.0.1:${relayPort}`;
  const relaySpawnedAt = performance.now();
  const relay = proc.spawnChild(join(__dirname, 'host', 'bare-relay.cjs'), [], { env: { PORT: String(relayPort), UNBLU_API: apiBaseUrl, SECRET: secret } });
  const relayReady = await proc.waitFor200(`${relayUrl}/readyz`, relay, relaySpawnedAt);

  await sleep(2_000);
  const idle = { parley: proc.rssMiB(host.pid), bare: proc.rssMiB(relay.pid) };
  const channels = { parley: await sim('channelId', LOOP_CHANNEL), bare: await sim('channelId', 'Bench bare relay') };
  const sampler = proc.rssSampler({ parley: host.pid, bare: relay.pid });

  // 3. customer → Unblu
  const load = (url, tag, channel) => () => customerLoad({ url, count: N, chats: CHATS, concurrency: C, tag, held: () => sim('visitorMessages', channel) });
  const parley = { throughput: await measured(host.pid, `${hostUrl}/metrics`, load(`${hostUrl}/messengers/loop/customer/messages`, 'p', channels.parley)) };
  const bare = { throughput: await measured(relay.pid, undefined, load(`${relayUrl}/customer/messages`, 'b', channels.bare)) };

  // 4. answers to Unblu's outbound new_message requests, open loop
  const answer = (url, channel) => async () => {
    const conversationIds = (await sim('conversations', channel)).map((c) => c.id);
    return openLoop({ url, rate: RATE, seconds: SECONDS, secret, channelId: channel, conversationIds });
  };
  const deliveredBefore = await sim('delivered');
  parley.answers = await measured(host.pid, `${hostUrl}/metrics`, answer(`${hostUrl}/unblu`, channels.parley));
  const answeredAt = performance.now();
  bare.answers = await measured(relay.pid, undefined, answer(`${relayUrl}/unblu`, channels.bare));
  const peak = sampler.stop();
  // Agent messages Parley answered for are delivered to the customer app in the background.
  while ((await sim('delivered')) - deliveredBefore < parley.answers.total && performance.now() - answeredAt < 60_000) await sleep(100);
  const drained = { count: (await sim('delivered')) - deliveredBefore, s: (performance.now() - answeredAt) / 1000 };

  const f0 = (x) => x.toFixed(0);
  const f1 = (x) => x.toFixed(1);
  const ratio = (a, b) => (b ? `${(a / b).toFixed(2)}×` : '');
  const rows = [
    ['ready: spawn → /readyz 200 (ms)', f0(hostReady), f0(relayReady), ratio(hostReady, relayReady), '—'],
    ['RSS idle (MiB)', f1(idle.parley), f1(idle.bare), ratio(idle.parley, idle.bare), '—'],
    [`customer → Unblu (msgs/s, ${N} msgs, ${CHATS} chats, c=${C})`, f0(parley.throughput.msgsPerSec), f0(bare.throughput.msgsPerSec), ratio(parley.throughput.msgsPerSec, bare.throughput.msgsPerSec), '≥ 0.8×'],
    ['  of which accepted (200) (msgs/s)', f0(parley.throughput.acceptedPerSec), f0(bare.throughput.acceptedPerSec), '', ''],
    ['  process CPU during it (% of a core)', f0(parley.throughput.cpu * 100), f0(bare.throughput.cpu * 100), '', ''],
    ...['p50', 'p99', 'max'].map((q) => [`answer to new_message ${q} (ms, ${RATE}/s open loop)`, f1(parley.answers[q]), f1(bare.answers[q]), ratio(parley.answers[q], bare.answers[q]), q === 'p99' ? '≤ 10 ms' : '']),
    ['  errors (of requests)', `${parley.answers.errorCount}/${parley.answers.total}`, `${bare.answers.errorCount}/${bare.answers.total}`, '', '0'],
    ['  process CPU during it (% of a core)', f0(parley.answers.cpu * 100), f0(bare.answers.cpu * 100), '', ''],
    ['RSS max under load, steps 3–4 (MiB)', f1(peak.parley), f1(peak.bare), ratio(peak.parley, peak.bare), '—'],
  ];
  console.log(`Parley host bench — ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), node ${process.version}, SQLite, Unblu simulator v4, loopback`);
  formatTable(['metric', 'Parley', 'bare relay', 'ratio', 'target'], rows).forEach((l) => console.log(l));
  console.log(`\nagent → customer: ${drained.count}/${parley.answers.total} answered messages delivered to the customer app ${f1(drained.s)} s after the last answer`);
  for (const [name, r] of [['Parley', parley], ['bare relay', bare]]) {
    for (const [key, count] of [...r.answers.errors, ...r.throughput.errors.map((e) => [e, 1])].slice(0, 3)) console.log(`${name} error ×${count}: ${key}`);
  }
  for (const [msg, count] of logWarnings(hostLog)) console.log(`host log ×${count}: ${msg}`);
  for (const hint of hints(parley, bare)) console.log(`hint: ${hint}`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    agent.destroy();
    await proc.stopChildren();
    if (args.profile) for (const line of summarize(profileDir)) console.log(`profile: ${line}`);
    await proc.cleanup();
  });
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => proc.cleanup().finally(() => process.exit(130)));
