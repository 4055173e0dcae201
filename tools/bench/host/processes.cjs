/* Child processes, /proc readings and cleanup for host-bench. */
const { spawn } = require('node:child_process');
const { readFileSync, rmSync } = require('node:fs');
const net = require('node:net');
const http = require('node:http');

const children = new Set();
const tempDirs = new Set();

function spawnChild(script, args, { env = {}, ipc = false, logFile, nodeArgs = [] } = {}) {
  const stdio = ['ignore', logFile ?? 'inherit', logFile ?? 'inherit'];
  if (ipc) stdio.push('ipc');
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], { env: { ...process.env, ...env }, stdio });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Stops every child we started: SIGTERM, SIGKILL after 5 s. */
async function stopChildren() {
  await Promise.all([...children].map((child) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const hard = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  })));
}

async function cleanup() {
  await stopChildren();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}

/** IPC request/response with a child that answers `{ id, result | error }`. */
function ipcClient(child) {
  let nextId = 0;
  const waiting = new Map();
  child.on('message', (msg) => {
    const pending = waiting.get(msg.id);
    if (!pending) return;
    waiting.delete(msg.id);
    if (msg.error) pending.reject(new Error(msg.error));
    else pending.resolve(msg.result);
  });
  return (cmd, arg) => new Promise((resolve, reject) => {
    const id = ++nextId;
    waiting.set(id, { resolve, reject });
    child.send({ id, cmd, arg });
  });
}

function firstMessage(child, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('child did not report ready')), timeoutMs);
    child.once('message', (msg) => (clearTimeout(timer), resolve(msg)));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`child exited with ${code}`))));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function get(url) {
  return new Promise((resolve) => {
    http.get(url, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    }).on('error', () => resolve({ status: 0, text: '' }));
  });
}

/** Polls `url` every 10 ms until 200; resolves with ms since `since`. */
async function waitFor200(url, child, since, timeoutMs = 60_000) {
  while ((await get(url)).status !== 200) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode} before it was ready`);
    if (performance.now() - since > timeoutMs) throw new Error(`${url} not 200 after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return performance.now() - since;
}

/** Resident set size in MiB from /proc/<pid>/status. */
function rssMiB(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** CPU seconds (user + system) the process used so far, from /proc/<pid>/stat. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

/** Starts counting CPU of each named pid; `stop()` returns the share of one core each used since. */
function cpuMeter(pids) {
  const started = performance.now();
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  return {
    stop: () => {
      const wall = (performance.now() - started) / 1000;
      return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, (cpuSeconds(pid) - before[name]) / wall]));
    },
  };
}

/** Samples RSS of each pid every `everyMs`; `stop()` returns the maxima. */
function rssSampler(pids, everyMs = 200) {
  const max = Object.fromEntries(Object.entries(pids).map(([name]) => [name, 0]));
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      try {
        max[name] = Math.max(max[name], rssMiB(pid));
      } catch {
        /* process gone */
      }
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return { stop: () => (clearInterval(timer), sample(), max) };
}

/** Reads the named metric lines (sum over label sets) from a Prometheus text page. */
function metricValues(text, names) {
  const out = {};
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    for (const name of names) {
      const [metric, label] = name.split('|');
      if (match[1] === metric && (!label || (match[2] ?? '').includes(label))) out[name] = (out[name] ?? 0) + Number(match[3]);
    }
  }
  return out;
}

module.exports = { spawnChild, stopChildren, cleanup, ipcClient, firstMessage, freePort, get, waitFor200, rssMiB, cpuSeconds, cpuMeter, rssSampler, metricValues, tempDirs };
