import { GrammyError, HttpError, type Api } from 'grammy';
import type { BotApiSimulator } from './bot-api-simulator.js';
import type { SimulatedCustomer } from './simulated-customer.js';
import { startBotApiSimulator } from './start-bot-api-simulator.js';
import { waitUntil } from '@parley/testing';
import { apiFor } from './simulator-test-support.spec-helper.js';

describe('Bot API simulator: errors and injected faults', () => {
  let sim: BotApiSimulator;
  let api: Api;
  let customer: SimulatedCustomer;

  beforeEach(async () => {
    sim = await startBotApiSimulator();
    api = apiFor(sim);
    customer = sim.customer({ id: 4242, firstName: 'Anna' });
  });

  afterEach(() => sim.close());

  it('answers an unknown token with 401 and an unknown method with 404, in the Bot API envelope', async () => {
    const wrongToken = await fetch(`${sim.url}/bot123:nope/getMe`);
    expect(wrongToken.status).toBe(401);
    expect(await wrongToken.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    const unknownMethod = await fetch(`${sim.url}/bot${sim.token}/sendTelepathy`, { method: 'POST' });
    expect(unknownMethod.status).toBe(404);
    expect(await unknownMethod.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
    expect(sim.calls().map((call) => [call.method, call.status])).toEqual([
      ['getMe', 401],
      ['sendTelepathy', 404],
    ]);
  });

  it('fails the next calls with an injected 429 that grammy reads as retry_after, without effect', async () => {
    sim.failNext('sendMessage', { errorCode: 429, description: 'Too Many Requests: retry after 7', retryAfter: 7, times: 2 });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error: unknown = await api.sendMessage(4242, 'hi').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(GrammyError);
      expect(error).toMatchObject({ error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } });
    }
    expect(customer.received()).toEqual([]);
    await expect(api.sendMessage(4242, 'hi')).resolves.toMatchObject({ text: 'hi' });
  });

  it('limits sends per chat with flood control', async () => {
    sim.setFloodControl({ perChatPerSecond: 5, burst: 2, retryAfterSeconds: 3 });
    await api.sendMessage(4242, 'one');
    await api.sendMessage(4242, 'two');
    await expect(api.sendMessage(4242, 'three')).rejects.toMatchObject({ error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } });
    sim.customer({ id: 5, firstName: 'Other' });
    await expect(api.sendMessage(5, 'another chat')).resolves.toMatchObject({ text: 'another chat' });
    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(api.sendMessage(4242, 'three')).resolves.toMatchObject({ text: 'three' });
    expect(customer.receivedTexts()).toEqual(['one', 'two', 'three']);
    sim.setFloodControl(undefined);
    for (const text of ['a', 'b', 'c']) await api.sendMessage(4242, text);
  });

  it('delivers but loses the answer, or drops the call without effect', async () => {
    sim.loseNextAnswer('sendMessage');
    await expect(api.sendMessage(4242, 'delivered')).rejects.toBeInstanceOf(HttpError);
    expect(customer.receivedTexts()).toEqual(['delivered']);
    sim.dropNext('sendMessage');
    await expect(api.sendMessage(4242, 'dropped')).rejects.toBeInstanceOf(HttpError);
    expect(customer.receivedTexts()).toEqual(['delivered']);
    expect(sim.calls('sendMessage').map((call) => call.status)).toEqual([0, 0]);
    await expect(api.sendMessage(4242, 'after')).resolves.toMatchObject({ text: 'after' });
  });

  it('delays a method by the latency set', async () => {
    sim.setLatency('sendMessage', 200);
    const started = Date.now();
    await api.sendMessage(4242, 'slow');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    sim.setLatency('sendMessage', 0);
    const quick = Date.now();
    await api.sendMessage(4242, 'quick');
    expect(Date.now() - quick).toBeLessThan(150);
  });

  it('answers everything with 401 after the token is revoked, including a held poll', async () => {
    const held = api.getUpdates({ timeout: 10 });
    await waitUntil('the held poll', () => sim.calls('getUpdates').length === 1);
    sim.revokeToken();
    await expect(held).rejects.toMatchObject({ error_code: 401, description: 'Unauthorized' });
    await expect(api.sendMessage(4242, 'hi')).rejects.toMatchObject({ error_code: 401 });
    await expect(api.getMe()).rejects.toMatchObject({ error_code: 401 });
  });
});
