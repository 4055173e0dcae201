import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { freePort } from '@parley/testing';
import { startSandbox, type RunningSandbox } from './start-sandbox.js';

/* `npm start`: a newcomer's first round trip, customer → agent → customer, with nothing but loopback. */

describe('sandbox', () => {
  let sandbox: RunningSandbox;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-sandbox-'));
    sandbox = await startSandbox({ port: await freePort(), parleyPort: await freePort(), customerPort: await freePort(), telegramPort: await freePort(), dataDir: dir, logger: pino({ level: 'silent' }) });
  });

  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the customer page and carries a message to the agent and the reply back', async () => {
    const page = await fetch(sandbox.customerUrl);
    expect(await page.text()).toContain('<h1>Customer</h1>');

    const sent = await fetch(`${sandbox.customerUrl}/api/chats/customer-1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Hello, I need help', name: 'Lea Keller' }),
    });
    expect(sent.status).toBe(202);
    const { sim } = sandbox;
    const conversation = await sim.waitFor(() => sim.conversations().find((c) => c.sourceId === 'customer-1'));
    await sim.waitFor(() => sim.messages(conversation.id).some((m) => m.text === 'Hello, I need help'));

    await sim.agentSendText(conversation.id, 'Glad to help');
    const reply = await sim.waitFor(async () => {
      const chat = (await (await fetch(`${sandbox.customerUrl}/api/chats/customer-1`)).json()) as { received: { text?: string }[] };
      return chat.received.find((m) => m.text?.endsWith('Glad to help'));
    });
    expect(reply.text).toBe('Anna: Glad to help');
  });

  it('carries a Telegram customer from the simulator page to the agent and the reply back', async () => {
    const page = await fetch(sandbox.telegramUrl);
    expect(page.headers.get('content-type')).toContain('text/html');
    const post = (path: string, body: object) => fetch(`${sandbox.telegramUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const created = (await (await post('/_sim/customers', { firstName: 'Mia', lastName: 'Frei' })).json()) as { chatId: number };
    expect((await post(`/_sim/chats/${created.chatId}/messages`, { text: 'Hello from Telegram' })).status).toBe(201);

    const { sim } = sandbox;
    const conversation = await sim.waitFor(() => sim.conversations().find((c) => c.sourceId === String(created.chatId)));
    await sim.waitFor(() => sim.messages(conversation.id).some((m) => m.text === 'Hello from Telegram'));
    await sim.agentSendText(conversation.id, 'Welcome, Mia');
    const reply = await sim.waitFor(async () => {
      const chat = (await (await fetch(`${sandbox.telegramUrl}/_sim/chats/${created.chatId}`)).json()) as { messages: { from: string; text?: string }[] };
      return chat.messages.find((m) => m.from === 'bot' && m.text?.endsWith('Welcome, Mia'));
    });
    expect(reply.text).toBe('Anna: Welcome, Mia');
  });

  it('starts fresh on the same data directory, as its simulators do, so a restarted sandbox carries messages again', async () => {
    const own = mkdtempSync(join(tmpdir(), 'parley-sandbox-restart-'));
    const start = async () => startSandbox({ port: await freePort(), parleyPort: await freePort(), customerPort: await freePort(), telegramPort: await freePort(), dataDir: own, logger: pino({ level: 'silent' }) });
    try {
      for (const run of ['first', 'second']) {
        const box = await start();
        try {
          // Each run's Telegram simulator hands out the same chat and message ids again.
          box.telegram.customer({ id: 700_000_001, firstName: 'Mia' }).sendText(`Hello, ${run} run`);
          const conversation = await box.sim.waitFor(() => box.sim.conversations().find((c) => c.sourceId === '700000001'));
          await box.sim.waitFor(() => box.sim.messages(conversation.id).some((m) => m.text === `Hello, ${run} run`));
        } finally {
          await box.close();
        }
      }
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('refuses an empty customer message with a reason', async () => {
    const empty = await fetch(`${sandbox.customerUrl}/api/chats/customer-2/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ error: 'text or file is required' });
  });
});
