/*
 * Reads a V8 CPU profile of the host (`--profile`) and tells where its main thread went: SQLite
 * statements (better-sqlite3 runs them, COMMIT's fsync included, on the event loop), split into
 * COMMIT/ROLLBACK (issued by group-commit's `attempt`) and other statements, then the busiest
 * packages and functions.
 */
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

function packageOf(url) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)|\/(packages\/[^/]+|apps\/[^/]+)\//.exec(url);
  return match ? match[1] ?? match[2] : url.startsWith('node:') ? 'node' : url === '' ? '(native/vm)' : 'other';
}

function summarize(dir) {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return ['no profile written (did the host exit gracefully?)'];
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let busy = 0;
  let commit = 0;
  let otherSql = 0;
  const packages = new Map();
  const functions = new Map();
  profile.samples.forEach((id, i) => {
    const { callFrame } = byId.get(id);
    const us = profile.timeDeltas[i] ?? 0;
    if (callFrame.functionName === '(idle)' || callFrame.functionName === '(program)') return;
    busy += us;
    if (callFrame.functionName === 'executeQuery') {
      // The nearest frame of our store: `attempt` itself only issues COMMIT / ROLLBACK.
      let caller = parent.get(id);
      while (caller !== undefined && !byId.get(caller).callFrame.url.includes('/packages/store/')) caller = parent.get(caller);
      const frame = caller === undefined ? undefined : byId.get(caller).callFrame;
      if (frame?.functionName === 'attempt' && frame.url.includes('group-commit')) commit += us;
      else otherSql += us;
    }
    const pkg = packageOf(callFrame.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
    const fn = `${callFrame.functionName || '(anonymous)'} (${pkg})`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  });
  const pct = (us) => `${((us / busy) * 100).toFixed(0)}%`;
  const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${pct(v)}`).join(', ');
  return [
    `host main thread busy ${(busy / 1e6).toFixed(1)} s over the run: SQLite COMMIT (fsync, synchronous=FULL) ${pct(commit)}, other SQLite statements ${pct(otherSql)}`,
    `by package: ${top(packages, 6)}`,
    `by function: ${top(functions, 6)}`,
  ];
}

module.exports = { summarize };
