import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBotApiSimulator, type BotApiSimulator } from '@parley/adapter-telegram/testing';
import { openParleyStore } from '@parley/store';
import { startUnbluSimulator, type UnbluSimulator } from '@parley/unblu-simulator';
import { deadLettersCommand } from './dead-letters-command.js';
import { doctorCommand } from './doctor-command.js';
import { setupCommand } from './setup-command.js';
import { freePort } from '@parley/testing';

/* The CLI commands against the Unblu simulator and a real store, as an operator runs them. */

describe('parley commands', () => {
  let sim: UnbluSimulator;
  let telegram: BotApiSimulator;
  let dir: string;
  let webhookUrl: string;
  let config: string;
  let lines: string[];
  const print = (line: string): void => void lines.push(line);

  beforeAll(async () => {
    sim = await startUnbluSimulator({ apiVersion: 'v4', outbound: { retryDelayMs: 20 } });
    telegram = await startBotApiSimulator();
    dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    config = join(dir, 'parley.yaml');
    const port = await freePort();
    webhookUrl = `http://127.0.0.1:${port}/messengers/telegram/webhook`;
    writeFileSync(
      config,
      `
unblu:
  baseUrl: ${sim.apiBaseUrl}
  auth: { username: admin, password: admin }
  publicUrl: http://127.0.0.1:${port}
  secret: a-long-enough-cli-test-secret
store: sqlite:${join(dir, 'parley.db')}
server: { host: 127.0.0.1, port: ${port} }
log: { level: silent }
messengers:
  loop:
    adapter: "@parley/testing"
    channel: { name: "CLI loopback" }
  telegram:
    adapter: "@parley/adapter-telegram"
    channel: { name: "CLI Telegram" }
    options: { token: "${telegram.token}", apiRoot: "${telegram.url}", mode: webhook }
`,
    );
  });

  beforeEach(() => {
    lines = [];
  });

  afterAll(async () => {
    await telegram.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('setup --dry-run shows the plan and writes nothing; setup then creates; a second run changes nothing', async () => {
    await setupCommand({ config, dryRun: true, resendSecrets: false }, print);
    expect(lines.join('\n')).toMatch(/dry run/);
    expect(lines.join('\n')).toMatch(/channel 'CLI loopback' \(loop\): would be created/);
    expect(lines.join('\n')).toContain(`Telegram webhook (telegram): would be created\n  url: (none) → ${webhookUrl}`);
    expect(sim.channels()).toHaveLength(0);
    expect(telegram.webhookInfo().url).toBe('');

    lines = [];
    await setupCommand({ config, dryRun: false, resendSecrets: false }, print);
    expect(lines.join('\n')).toMatch(/channel 'CLI loopback' \(loop\): created/);
    expect(lines.join('\n')).toMatch(/Telegram webhook \(telegram\): created/);
    expect(sim.channels().map((c) => c.name)).toEqual(['CLI loopback', 'CLI Telegram']);
    expect(telegram.webhookInfo().url).toBe(webhookUrl);

    lines = [];
    await setupCommand({ config, dryRun: false, resendSecrets: false }, print);
    expect(lines.join('\n')).toMatch(/channel 'CLI loopback' \(loop\): unchanged/);
    expect(lines.join('\n')).toMatch(/Telegram webhook \(telegram\): unchanged/);
    expect(lines.join('\n')).not.toContain('a-long-enough-cli-test-secret');
    expect(lines.join('\n')).not.toContain(telegram.token);
  });

  it('doctor checks everything, including a ping from Unblu through to Parley', async () => {
    await setupCommand({ config, dryRun: false, resendSecrets: false }, () => undefined);
    const ok = await doctorCommand({ config }, print);
    const report = lines.join('\n');
    expect(report).toMatch(/✔ config/);
    expect(report).toMatch(/✔ store/);
    expect(report).toMatch(/✔ ping CLI loopback/);
    expect(report).toMatch(/✔ loop/);
    expect(report).toMatch(/✔ telegram/);
    expect(ok).toBe(true);
  });

  it('doctor says what is wrong, with a non-zero verdict', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'unblu: { baseUrl: "not a url" }\nmessengers: {}\n');
    expect(await doctorCommand({ config: broken }, print)).toBe(false);
    expect(lines.join('\n')).toMatch(/✖ start: .*unblu\.baseUrl/s);
  });

  it('dead-letters lists what gave up and redrives it', async () => {
    const store = await openParleyStore(`sqlite:${join(dir, 'parley.db')}`);
    await store.jobs.enqueue({ id: 'job-1', kind: 'inbound.message', orderKey: 'in:loop:c', payload: {} }, Date.now());
    const [claimed] = await store.jobs.claim('cli-test', 1, 60_000, Date.now());
    await store.jobs.deadLetter(claimed?.id ?? '', 'cli-test', 'Unblu said 400: message must not be empty', Date.now());
    await store.close();

    expect(await deadLettersCommand({ kind: 'list', limit: 10 }, { config }, print)).toBe(true);
    expect(lines.join('\n')).toMatch(/job-1 {2}inbound\.message {2}in:loop:c {2}attempts=1/);
    expect(lines.join('\n')).toMatch(/Unblu said 400/);
    lines = [];
    expect(await deadLettersCommand({ kind: 'redrive', ids: ['job-1', 'nope'], all: false }, { config }, print)).toBe(false);
    expect(lines).toEqual(['job-1: back in its queue', 'nope: no such dead letter']);
  });
});
