import { PermanentError, TransientError, type HealthStatus } from '@parley/core';
import { FakeUnbluGateway } from '@parley/testing';
import { adapterCheck } from './adapter-check.js';
import { channelCheck } from './channel-check.js';
import { pingRoundTripCheck } from './ping-round-trip-check.js';
import { describeStoreUrl, storeCheck } from './store-check.js';
import { unbluCheck } from './unblu-check.js';

const unauthorized = () => new PermanentError('Unblu ping failed: 401 Unauthorized', 'unblu.401');

describe('storeCheck', () => {
  it('passes with the label when the store answers, fails with the reason when not', async () => {
    await expect(storeCheck({ ping: async () => undefined }, 'sqlite ./data/parley.db').run()).resolves.toBe('sqlite ./data/parley.db reachable');
    const down = storeCheck({ ping: () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:5432')) });
    await expect(down.run()).rejects.toThrow(/^ECONNREFUSED 127\.0\.0\.1:5432 — check the store setting/);
  });

  it('describes store URLs without their password', () => {
    expect(describeStoreUrl('sqlite:./data/parley.db')).toBe('sqlite ./data/parley.db');
    expect(describeStoreUrl('postgres://parley:s3cret@db:5432/parley')).toBe('postgres parley@db:5432/parley');
    expect(describeStoreUrl('not a url with s3cret')).toBe('store');
  });
});

describe('unbluCheck', () => {
  it('passes when Unblu accepts the credentials', async () => {
    await expect(unbluCheck(new FakeUnbluGateway({ apiVersion: 'v3' })).run()).resolves.toBe('web API v3 reachable, credentials accepted');
  });

  it.each([
    [unauthorized(), 'Unblu ping failed: 401 Unauthorized — check unblu.auth'],
    [new TransientError('Unblu ping failed: could not reach Unblu (ECONNREFUSED)', 'unblu.unreachable'), /check unblu\.baseUrl and that Unblu is reachable/],
    [new TransientError('Unblu ping failed: 503 Service Unavailable', 'unblu.503'), /^Unblu ping failed: 503 Service Unavailable$/],
  ])('says what to check when Unblu fails (%s)', async (error, expected) => {
    const gateway = new FakeUnbluGateway();
    gateway.failNext(1, error);
    await expect(unbluCheck(gateway).run()).rejects.toThrow(expected);
  });
});

describe('channelCheck', () => {
  it('passes for an ACTIVE channel, fails for a missing or inactive one', async () => {
    const gateway = new FakeUnbluGateway();
    const channel = await gateway.channels.create({ name: 'Telegram', endpoint: 'https://parley.example/unblu', secret: 's' });
    const check = channelCheck(gateway, 'Telegram');

    expect(check.name).toBe("channel 'Telegram'");
    await expect(check.run()).resolves.toBe(`ACTIVE (id ${channel.id}) → https://parley.example/unblu`);
    gateway.changeChannel(channel.id, { status: 'INACTIVE' });
    await expect(check.run()).rejects.toThrow(/^status INACTIVE — .*run parley setup/);
    await expect(channelCheck(gateway, 'Signal').run()).rejects.toThrow('not found in Unblu — run parley setup');
  });

  it('passes Unblu failures on with a hint', async () => {
    const gateway = new FakeUnbluGateway();
    gateway.failNext(1, unauthorized());
    await expect(channelCheck(gateway, 'Telegram').run()).rejects.toThrow(/check unblu\.auth$/);
  });
});

describe('pingRoundTripCheck', () => {
  it('starts waiting before asking Unblu to ping, and passes once the endpoint got it', async () => {
    const gateway = new FakeUnbluGateway();
    const channel = await gateway.channels.create({ name: 'Telegram', endpoint: 'https://parley.example/unblu' });
    const waits: number[] = [];
    const waitForPing = async (timeoutMs: number) => {
      waits.push(timeoutMs);
      expect(gateway.calls('channels.ping')).toHaveLength(0);
    };
    const check = pingRoundTripCheck(gateway, channel.id, waitForPing, { waitMs: 1234 });

    await expect(check.run()).resolves.toMatch(/^Unblu reached Parley's endpoint in \d+ ms \(ping ping-1\)$/);
    expect(waits).toEqual([1234]);
    expect(gateway.calls('channels.ping')).toHaveLength(1);
    expect(check.timeoutMs).toBeGreaterThan(1234);
  });

  it('fails with advice when the ping never arrives', async () => {
    const gateway = new FakeUnbluGateway({ apiVersion: 'v3' });
    const channel = await gateway.channels.create({ name: 'Telegram', endpoint: 'https://parley.example/unblu' });
    const check = pingRoundTripCheck(gateway, channel.id, () => Promise.reject(new Error('no ping within 5000 ms')));

    await expect(check.run()).rejects.toThrow(
      "Unblu accepted the ping but Parley's endpoint did not get it (no ping within 5000 ms) — check that Unblu reaches unblu.publicUrl and that unblu.secret matches",
    );
  });

  it('fails with Unblu\'s reason when Unblu refuses to ping', async () => {
    const gateway = new FakeUnbluGateway();
    const check = pingRoundTripCheck(gateway, 'channel-404', () => new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 10)));
    await expect(check.run()).rejects.toMatchObject({ cause: expect.objectContaining({ code: 'unblu.404' }) as unknown });
  });
});

describe('adapterCheck', () => {
  const at = (state: HealthStatus['state'], detail?: string): HealthStatus => ({ state, since: 0, ...(detail ? { detail } : {}) });

  it.each([
    [at('connected'), 'connected'],
    [at('connected', 'polling as @parley_bot'), 'connected: polling as @parley_bot'],
    [at('degraded', '429, retrying in 3 s'), 'degraded: 429, retrying in 3 s'],
  ])('passes for %o', async (status, detail) => {
    await expect(adapterCheck('telegram', () => status).run()).resolves.toBe(detail);
  });

  it('fails with the adapter\'s reason when it failed', async () => {
    const check = adapterCheck('telegram', () => at('failed', '401 Unauthorized: token revoked'));
    expect(check.name).toBe('telegram');
    await expect(check.run()).rejects.toThrow('failed: 401 Unauthorized: token revoked');
  });

  it('waits for a connecting adapter to settle', async () => {
    const states = [undefined, at('connecting'), at('connecting'), at('connected')];
    const health = () => (states.length > 1 ? states.shift() : states[0]);
    await expect(adapterCheck('signal', health, { waitMs: 1000, pollMs: 1 }).run()).resolves.toBe('connected');
  });

  it('fails when it stays connecting or silent past the wait', async () => {
    await expect(adapterCheck('signal', () => at('connecting', 'signal-cli starting'), { waitMs: 20, pollMs: 5 }).run()).rejects.toThrow(
      'still connecting after 20 ms: signal-cli starting',
    );
    await expect(adapterCheck('signal', () => undefined, { waitMs: 20, pollMs: 5 }).run()).rejects.toThrow(/no health reported/);
  });
});
