/*
 * The host configuration both host benches run with: Unblu simulator v4, SQLite in `dir`, log
 * level warn, and the given messengers (the loopback one first, as the baseline).
 */
const { join } = require('node:path');

/** The loopback messenger's Unblu channel, the baseline of every host bench. */
const LOOP_CHANNEL = 'Bench loopback messenger';

/** The loopback messenger, reachable over HTTP and delivering to `deliverTo`. */
function loopMessenger(deliverTo) {
  return { id: 'loop', adapter: '@parley/testing', channel: LOOP_CHANNEL, options: { http: true, deliverTo } };
}

/** YAML for `parley serve`; `messengers` are `{ id, adapter, channel, options }` (options as JSON, which YAML reads). */
function hostConfigYaml({ apiBaseUrl, port, secret, dir, messengers }) {
  const entries = messengers.map(({ id, adapter, channel, options }) => `  ${id}:\n    adapter: "${adapter}"\n    channel: { name: "${channel}" }\n    options: ${JSON.stringify(options)}\n`);
  return `
unblu:
  baseUrl: ${apiBaseUrl}
  apiVersion: v4
  auth: { username: admin, password: admin }
  publicUrl: http://127.0.0.1:${port}
  secret: ${secret}
store: sqlite:${join(dir, 'parley.db')}
server: { host: 127.0.0.1, port: ${port} }
log: { level: warn }
messengers:
${entries.join('')}`;
}

module.exports = { LOOP_CHANNEL, loopMessenger, hostConfigYaml };
