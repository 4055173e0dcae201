import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { UnbluApiVersion, UnbluEventListener, UnbluGateway } from '@parley/core';
import { createUnbluGateway, createUnbluRequestHandler } from '@parley/unblu';
import { startUnbluSimulator, type UnbluSimulator } from '@parley/unblu-simulator';
import { pingRoundTripCheck } from './ping-round-trip-check.js';

/*
 * The round trip over the wire: the real client asks the simulator to ping, the simulator calls
 * Parley's real Unblu handler, whose `onPing` releases `waitForPing` (as the host wires it).
 */

const SECRET = 'doctor-ping-secret';

/** Resolves waiters on the next ping the handler accepted; a stand-in for the host's wiring. */
class PingWaiter {
  private waiters: (() => void)[] = [];

  onPing = (): void => {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  };

  wait = (timeoutMs: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ping within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
}

function listenerFor(pings: PingWaiter): UnbluEventListener {
  return {
    onAgentMessage: () => Promise.reject(new Error('not expected')),
    onMessageState: async () => undefined,
    onConversationEvent: async () => undefined,
    onPing: pings.onPing,
  };
}

describe.each<UnbluApiVersion>(['v4', 'v3'])('pingRoundTripCheck against the Unblu simulator (%s)', (apiVersion) => {
  let sim: UnbluSimulator;
  let server: Server;
  let gateway: UnbluGateway;
  let endpoint: string;
  const pings = new PingWaiter();

  beforeEach(async () => {
    sim = await startUnbluSimulator({ apiVersion, outbound: { retryCount: 0 } });
    const app = express();
    app.use('/unblu', createUnbluRequestHandler({ secrets: [SECRET], listener: listenerFor(pings) }));
    server = await new Promise<Server>((resolve) => {
      const s = createServer(app).listen(0, '127.0.0.1', () => resolve(s));
    });
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/unblu`;
    gateway = createUnbluGateway({ baseUrl: sim.apiBaseUrl, apiVersion, auth: { type: 'basic', username: 'admin', password: 'admin' } });
  });

  afterEach(async () => {
    await sim.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('passes when Parley’s endpoint receives the ping', async () => {
    const channel = await gateway.channels.create({ name: 'Telegram', endpoint, secret: SECRET });
    await expect(pingRoundTripCheck(gateway, channel.id, pings.wait, { waitMs: 3000 }).run()).resolves.toMatch(/^Unblu reached Parley's endpoint/);
  });

  it('fails with advice when Unblu signs with another secret, so Parley refuses the ping', async () => {
    const channel = await gateway.channels.create({ name: 'Telegram', endpoint, secret: 'not-the-configured-secret' });
    await expect(pingRoundTripCheck(gateway, channel.id, pings.wait, { waitMs: 300 }).run()).rejects.toThrow(
      /endpoint answered HTTP 401 — Unblu could not deliver it: check that Unblu reaches unblu.publicUrl and that unblu.secret matches$/,
    );
  });
});
