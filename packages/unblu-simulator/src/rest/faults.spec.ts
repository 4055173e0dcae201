import { startUnbluSimulator } from '../start-unblu-simulator.js';
import type { UnbluSimulator } from '../unblu-simulator.js';
import { API_VERSIONS, call, createChannel } from '../test-support.spec-helper.js';

describe.each(API_VERSIONS)('fault injection (%s)', (apiVersion) => {
  let sim: UnbluSimulator;
  beforeEach(async () => {
    sim = await startUnbluSimulator({ apiVersion, seed: 7 });
  });
  afterEach(() => sim.close());

  it('answers every request with 503 at errorRate 1, before authentication and without any effect', async () => {
    sim.setFaults({ errorRate: 1 });
    const res = await call(sim, 'POST', '/externalmessengers/create', { name: 'x', webhookEndpoint: 'http://127.0.0.1:9/x', outboundTimeoutMillis: 1 });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ $_type: 'Error', statusCode: 503 });
    expect((await call(sim, 'GET', '/global/ping', undefined, null)).status).toBe(503);
    expect(sim.channels()).toEqual([]);
    sim.setFaults({ errorRate: 0 });
    expect((await call(sim, 'GET', '/global/ping')).status).toBe(200);
  });

  it('fails exactly the next n requests with the given status', async () => {
    sim.failNext(2, 429);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(sim, 'GET', '/global/ping')).status);
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('processes a dropped request but closes the connection instead of answering', async () => {
    sim.setFaults({ dropRate: 1 });
    await expect(createChannel(sim, 'http://127.0.0.1:9/hook', { name: 'dropped' })).rejects.toThrow();
    sim.setFaults({ dropRate: 0 });
    expect(sim.channels().map((c) => c.name)).toEqual(['dropped']);
    // A client retrying the create now learns the name is taken: the effect happened once.
    const retry = await call(sim, 'POST', '/externalmessengers/create', {
      name: 'dropped',
      webhookEndpoint: 'http://127.0.0.1:9/hook',
      outboundTimeoutMillis: 1000,
    });
    expect(retry.status).toBe(409);
  });

  it('adds latency to REST calls only', async () => {
    sim.setFaults({ latencyMs: 150 });
    const started = Date.now();
    await call(sim, 'GET', '/global/ping');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const control = Date.now();
    await fetch(`${sim.url}/sim/api/conversations`);
    expect(Date.now() - control).toBeLessThan(140);
  });

  it('rejects impossible settings', () => {
    expect(() => sim.setFaults({ errorRate: 2 })).toThrow(/errorRate/);
    expect(() => sim.failNext(1, 200)).toThrow(/status/);
  });
});

describe('seeded faults', () => {
  async function statuses(seed: number): Promise<number[]> {
    const sim = await startUnbluSimulator({ seed, faults: { errorRate: 0.5 } });
    try {
      const result: number[] = [];
      for (let i = 0; i < 12; i++) result.push((await call(sim, 'GET', '/global/ping')).status);
      return result;
    } finally {
      await sim.close();
    }
  }

  it('repeats the same faults for the same seed', async () => {
    const first = await statuses(42);
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await statuses(42)).toEqual(first);
  });
});
