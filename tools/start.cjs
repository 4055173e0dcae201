#!/usr/bin/env node
/**
 * `npm start`: the embedded default. Builds what it needs (incrementally), then runs
 * `parley sandbox` (Unblu simulator + Parley on SQLite + a customer page, on loopback) until Ctrl-C.
 */
const { spawnSync, spawn } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_ISOLATE_PLUGINS: 'false', NX_TUI: 'false' };
const nx = path.join(root, 'node_modules', '.bin', 'nx');

const build = spawnSync(nx, ['run', '@parley/host:build', '--outputStyle=static'], {
  cwd: root,
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) {
  console.error('Build failed; run `npx nx run @parley/host:build` to see why.');
  process.exit(build.status ?? 1);
}

const args = process.argv.slice(2);
const cli = path.join(root, 'apps', 'host', 'dist', 'cli.js');
const child = spawn(process.execPath, [cli, 'sandbox', '--port', process.env.PORT ?? '7700', ...args], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
