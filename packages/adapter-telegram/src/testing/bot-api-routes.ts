import type { ApiCall } from './bot-api-simulator.js';
import { BotApiError, notFound, unauthorized } from './bot-api-errors.js';
import { abortableDelay } from './abortable-delay.js';
import { botApiMethods } from './bot-api-methods.js';
import type { HttpExchange } from './http-exchange.js';
import { MethodParams } from './method-params.js';
import { octetStream } from './mime-types.js';
import { readRequestPayload } from './request-payload.js';
import type { SimulatorState } from './simulator-state.js';

const methodRoute = /^\/bot([^/]+)\/([^/]*)$/;
const fileRoute = /^\/file\/bot([^/]+)\/(.+)$/;

/** An answer, or the instruction to destroy the connection instead (injected network faults). */
type Outcome = { result: unknown } | 'destroy';

/**
 * Serves the Bot API wire protocol: `/bot<token>/<method>` (any HTTP method, any of Telegram's
 * body encodings) and `/file/bot<token>/<file_path>` downloads. Returns false for other paths.
 */
export async function serveBotApi(state: SimulatorState, exchange: HttpExchange): Promise<boolean> {
  const path = exchange.url.pathname;
  const method = methodRoute.exec(path);
  if (method) {
    await serveMethod(state, exchange, decodePath(method[1]), method[2] ?? '');
    return true;
  }
  const file = fileRoute.exec(path);
  if (file) {
    await serveFile(state, exchange, decodePath(file[1]), decodePath(file[2]));
    return true;
  }
  return false;
}

/** Answers `{ ok: true, result }` or the error envelope with HTTP status = error_code, and records the call. */
async function serveMethod(state: SimulatorState, exchange: HttpExchange, token: string, method: string): Promise<void> {
  const call: ApiCall = { method, token, payload: {}, at: Date.now(), status: 0 };
  state.calls.push(call);
  try {
    const outcome = await runMethod(state, exchange, call);
    if (outcome === 'destroy') {
      exchange.destroy();
      return;
    }
    call.status = 200;
    await exchange.json(200, { ok: true, result: outcome.result });
  } catch (error) {
    const refusal = error instanceof BotApiError ? error : new BotApiError(500, `Internal Server Error: ${String(error)}`);
    call.status = refusal.errorCode;
    await exchange.json(refusal.errorCode, refusal.toResponse());
  }
}

/** Telegram's order: parse, authorize (401), find the method (404); then the injected faults and latency. */
async function runMethod(state: SimulatorState, exchange: HttpExchange, call: ApiCall): Promise<Outcome> {
  const params = new MethodParams(await readRequestPayload(exchange.req, exchange.url, state.limits.uploadBytes));
  call.payload = params.forLog();
  const bot = state.bots.byToken(call.token);
  if (!bot || bot.revoked) throw unauthorized();
  const handler = botApiMethods.get(call.method.toLowerCase());
  if (!handler) throw notFound();
  await abortableDelay(state.faults.latency(call.method), exchange.signal);
  const fault = state.faults.take(call.method);
  if (fault?.kind === 'fail') throw fault.error;
  if (fault?.kind === 'drop') return 'destroy';
  const result = await handler({ state, bot, params, signal: exchange.signal });
  return fault?.kind === 'lose' ? 'destroy' : { result };
}

/** Downloads need a valid token and a path getFile would hand out; anything else is 404 like Telegram. */
async function serveFile(state: SimulatorState, exchange: HttpExchange, token: string, filePath: string): Promise<void> {
  const bot = state.bots.byToken(token);
  if (!bot || bot.revoked) {
    await exchange.json(401, unauthorized().toResponse());
    return;
  }
  const file = state.files.atPath(filePath);
  if (!file || file.size > state.limits.downloadBytes) {
    await exchange.json(404, notFound().toResponse());
    return;
  }
  // A file declared by size only downloads as zeros of that size.
  await exchange.send(200, { 'content-type': file.mimeType ?? octetStream }, file.data ?? new Uint8Array(file.size));
}

function decodePath(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    return segment ?? '';
  }
}
