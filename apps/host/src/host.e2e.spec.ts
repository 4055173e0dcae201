import { type LoopbackAdapter } from '@parley/testing';
import { startUnbluSimulator, type UnbluSimulator } from '@parley/unblu-simulator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parseConfig } from './config/index.js';
import { startHost, type RunningHost } from './host.js';
import { freePort } from '@parley/testing';

/*
 * The host as users run it: configuration → adapters by package name → setup → server → engine,
 * against the Unblu simulator, for both web API versions.
 */

describe.each(['v4', 'v3'] as const)('host with the Unblu simulator (web API %s)', (apiVersion) => {
  let sim: UnbluSimulator;
  let host: RunningHost;
  let dir: string;
  type LogLine = { msg?: string; parleyMessageId?: string; externalMessageId?: string; outcome?: string };
  const logLines: LogLine[] = [];

  beforeAll(async () => {
    sim = await startUnbluSimulator({ apiVersion, outbound: { retryDelayMs: 20 } });
    dir = mkdtempSync(join(tmpdir(), 'parley-host-'));
    const port = await freePort();
    const config = parseConfig(
      `
unblu:
  baseUrl: ${sim.apiBaseUrl}
  apiVersion: ${apiVersion}
  auth: { username: admin, password: "\${UNBLU_PASSWORD}" }
  publicUrl: http://127.0.0.1:${port}
  secret: "\${PARLEY_SECRET}"
store: sqlite:${join(dir, 'parley.db')}
server: { host: 127.0.0.1, port: ${port} }
engine: { pollIntervalMs: 20 }
messengers:
  private:
    adapter: "@parley/testing"
    channel: { name: "Loopback private" }
  business:
    adapter: "@parley/testing"
    channel: { name: "Loopback business" }
    senderPrefix: "[{name}] "
`,
      { UNBLU_PASSWORD: 'admin', PARLEY_SECRET: 'a-long-enough-test-secret' },
      'test',
    );
    host = await startHost({ config, logger: pino({ level: 'debug' }, { write: (line: string) => void logLines.push(JSON.parse(line) as LogLine) }) });
  });

  afterAll(async () => {
    await host.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const adapterOf = (id: string) => host.messengers.find((m) => m.messengerId === id)?.adapter as LoopbackAdapter;

  it('sets up one channel per messenger instance and reports ready', async () => {
    expect(sim.channels().map((c) => c.name).sort()).toEqual(['Loopback business', 'Loopback private']);
    const ready = await fetch(`${host.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true });
  });

  it('asks Unblu at most once per few seconds however often /readyz is probed', async () => {
    const ping = jest.spyOn(host.gateway, 'ping');
    for (let i = 0; i < 3; i += 1) expect((await fetch(`${host.url}/readyz`)).status).toBe(200);
    expect(ping.mock.calls.length).toBeLessThanOrEqual(1);
    ping.mockRestore();
  });

  it('carries a conversation both ways through each instance with its own prefix', async () => {
    await adapterOf('private').customerSends('chat-p', { text: 'Hello from private', externalMessageId: 'p-1' });
    await adapterOf('business').customerSends('chat-b', { text: 'Hello from business', externalMessageId: 'b-1' });
    const privateConversation = await sim.waitFor(() => sim.conversations().find((c) => c.sourceId === 'chat-p'));
    const businessConversation = await sim.waitFor(() => sim.conversations().find((c) => c.sourceId === 'chat-b'));
    expect(privateConversation.channelId).not.toBe(businessConversation.channelId);

    await sim.agentSendText(privateConversation.id, 'Hi private');
    await sim.agentSendText(businessConversation.id, 'Hi business');
    await sim.waitFor(() => adapterOf('private').sent('chat-p').length === 1 && adapterOf('business').sent('chat-b').length === 1);
    const agent = apiVersion === 'v4' ? 'Anna' : 'Anna Meier';
    expect(adapterOf('private').sent('chat-p')[0]?.text).toBe(`${agent}: Hi private`);
    expect(adapterOf('business').sent('chat-b')[0]?.text).toBe(`[${agent}] Hi business`);

    const metrics = await (await fetch(`${host.url}/metrics`)).text();
    expect(metrics).toMatch(/parley_inbound_messages_total\{[^}]*messenger="private"[^}]*\} 1/);
  });

  it("logs one correlation id per message, from the messenger's id to the settled job", async () => {
    await adapterOf('private').customerSends('chat-log', { text: 'trace me', externalMessageId: 'trace-1' });
    const accepted = await sim.waitFor(() => logLines.find((l) => l.msg === 'customer message accepted' && l.externalMessageId === 'trace-1'));
    expect(accepted.parleyMessageId).toBeTruthy();
    await sim.waitFor(() => logLines.find((l) => l.msg === 'job settled' && l.parleyMessageId === accepted.parleyMessageId && l.outcome === 'done'));
  });

  it('rejects forged Unblu calls and changes nothing', async () => {
    const before = sim.conversations().length;
    const forged = await fetch(`${host.url}/unblu`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-unblu-signature-256': 'sha256=00' }, body: '{"$_type":"PingWebhookEvent"}' });
    expect(forged.status).toBe(401);
    expect(sim.conversations()).toHaveLength(before);
  });
});
