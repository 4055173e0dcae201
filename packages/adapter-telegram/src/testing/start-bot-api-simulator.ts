import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { abortableDelay } from './abortable-delay.js';
import type { BotApiSimulator, BotApiSimulatorOptions } from './bot-api-simulator.js';
import { notFound } from './bot-api-errors.js';
import { serveBotApi } from './bot-api-routes.js';
import { ControlRoutes } from './control-routes.js';
import { HttpExchange } from './http-exchange.js';
import { SimulatorHandle } from './simulator-handle.js';
import { resolveOptions } from './simulator-options.js';
import { SimulatorState } from './simulator-state.js';

/** How long close() waits for requests in flight (uploads, handlers) before cutting connections. */
const drainMs = 1000;

/**
 * Starts a Telegram Bot API simulator and resolves once it listens. Invalid options throw one
 * error listing every problem; a taken port rejects with the listen error. Call `close()` when
 * done: it answers held long polls, stops webhook pushes and closes every connection.
 */
export async function startBotApiSimulator(options: BotApiSimulatorOptions = {}): Promise<BotApiSimulator> {
  const state = new SimulatorState(resolveOptions(options));
  const server = createServer();
  const inFlight = new Set<Promise<void>>();
  await listen(server, state.options.port, state.options.host);
  let closing: Promise<void> | undefined;
  const handle = new SimulatorHandle(state, originOf(server, state.options.host), () => {
    closing ??= shutdown(state, server, inFlight);
    return closing;
  });
  const control = new ControlRoutes(handle, state);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const handled = route(state, control, new HttpExchange(req, res, state.shutdown.signal));
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });
  return handle;
}

/** Never rejects: a failure past the routes destroys the connection. */
async function route(state: SimulatorState, control: ControlRoutes, exchange: HttpExchange): Promise<void> {
  try {
    if (await serveBotApi(state, exchange)) return;
    if (await control.serve(exchange)) return;
    await exchange.json(404, notFound().toResponse());
  } catch {
    exchange.destroy();
  }
}

async function shutdown(state: SimulatorState, server: Server, inFlight: Set<Promise<void>>): Promise<void> {
  state.shutdown.abort();
  await state.stopPushers();
  const drained = new AbortController();
  await Promise.race([Promise.allSettled([...inFlight]), abortableDelay(drainMs, drained.signal)]);
  drained.abort();
  await new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
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

/** The origin clients use; a wildcard bind is reached through loopback. */
function originOf(server: Server, host: string): string {
  const { port } = server.address() as AddressInfo;
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
