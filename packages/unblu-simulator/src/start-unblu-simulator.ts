import { setMaxListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './create-app.js';
import { createSimulatorServices } from './domain/simulator-services.js';
import { SimulatorState } from './domain/simulator-state.js';
import { resolveOptions, type ResolvedOptions, type UnbluSimulatorOptions } from './options.js';
import { ChannelGateway } from './outbound/channel-gateway.js';
import { DeliveryLog } from './outbound/delivery-log.js';
import { EventPublisher } from './outbound/event-publisher.js';
import { Hookshot } from './outbound/hookshot.js';
import { createRandom } from './random.js';
import { FaultInjector } from './rest/faults.js';
import { createSimulatorHandle } from './simulator-handle.js';
import type { UnbluSimulator } from './unblu-simulator.js';
import { createV3Wire } from './wire/v3-wire.js';
import { createV4Wire } from './wire/v4-wire.js';
import type { WireLinks } from './wire/wire-dialect.js';

/**
 * Starts a simulated Unblu server and resolves once it listens. Invalid options reject with one
 * error listing every problem; a taken port rejects with the listen error. Call `close()` when
 * done: it stops retries in flight and closes every connection.
 */
export async function startUnbluSimulator(options: UnbluSimulatorOptions = {}): Promise<UnbluSimulator> {
  const resolved = resolveOptions(options);
  const server = createServer();
  await listen(server, resolved.port, resolved.host);
  const url = originOf(server, resolved.host);
  const links = linksFor(url, resolved.basePath);

  const shutdown = new AbortController();
  // Every outbound request listens on this one signal while in flight; many at once are normal.
  setMaxListeners(0, shutdown.signal);
  const state = new SimulatorState();
  const deliveries = new DeliveryLog(resolved.deliveryLogLimit);
  const hookshot = new Hookshot(resolved.outbound, deliveries, shutdown.signal);
  const wires = { v3: createV3Wire({ state, links }), v4: createV4Wire({ state, links }) };
  const publisher = new EventPublisher(state, hookshot, wires, resolved.outbound.timeoutMs);
  const gateway = new ChannelGateway(state, hookshot, wires, resolved.outbound.timeoutMs);
  const services = createSimulatorServices(state, gateway, publisher);
  services.persons.agent(); // the default agent exists from the start, like a real desk's users
  const faults = new FaultInjector(resolved.faults, createRandom(resolved.seed));

  const simulator = createSimulatorHandle({
    url,
    links,
    apiVersion: resolved.apiVersion,
    users: resolved.users,
    services,
    deliveries,
    faults,
    publisher,
    shutdown: async () => {
      shutdown.abort();
      await simulator.idle();
      await close(server);
    },
  });
  server.on('request', createApp({ options: resolved, services, wire: wires[resolved.apiVersion], faults, simulator }));
  return simulator;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** The origin clients should use; a wildcard bind is reached through loopback. */
function originOf(server: Server, host: ResolvedOptions['host']): string {
  const { port } = server.address() as AddressInfo;
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

function linksFor(origin: string, basePath: string): WireLinks {
  const apiBaseUrl = `${origin}${basePath}`;
  return {
    apiBaseUrl,
    agentPageUrl: `${origin}/`,
    webApiFileUrl: (fileStoreId) => `${apiBaseUrl}/files/${fileStoreId}`,
    agentDeskFileUrl: (fileStoreId) => `${origin}/sim/files/${fileStoreId}`,
  };
}
