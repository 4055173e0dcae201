import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { dispatchUnbluCall, failureReply, type UnbluReply } from './dispatch-unblu-call.js';
import { parseUnbluCall } from './parse-unblu-call.js';
import { sendSignedReply } from './send-signed-reply.js';
import { verifyUnbluSignature } from './signature.js';
import type { UnbluCallParseFailure } from './unblu-call-parse-error.js';
import {
  resolveUnbluRequestHandlerOptions,
  type ResolvedUnbluRequestHandlerOptions,
  type UnbluRequestHandlerOptions,
} from './unblu-request-handler-options.js';

const PARSE_FAILURE_LABELS: Record<UnbluCallParseFailure, string> = {
  'missing-call-name': 'missing call name',
  'ambiguous-call-name': 'ambiguous call name',
  'malformed-json': 'malformed JSON',
  'invalid-payload': 'invalid payload',
};

const reject = (status: number, error: string, detail?: string): UnbluReply => ({
  status,
  body: detail === undefined ? { error } : { error, detail },
});

function userAgentAccepted(actual: string | undefined, expected: string): boolean {
  return actual === expected || (actual?.startsWith(`${expected}/`) ?? false);
}

/** Refuses callers that are not Unblu's sender before their body is read. */
function userAgentCheck(options: ResolvedUnbluRequestHandlerOptions): RequestHandler {
  const { expectedUserAgent, logger, secrets } = options;
  return (req, res, next) => {
    if (expectedUserAgent === false || userAgentAccepted(req.get('user-agent')?.trim(), expectedUserAgent)) {
      next();
      return;
    }
    logger.warn({ userAgent: req.get('user-agent') ?? null }, 'refused Unblu call: unexpected User-Agent');
    sendSignedReply(res, reject(401, 'unexpected user agent', `expected ${expectedUserAgent}`), secrets[0] ?? '');
  };
}

/** Turns body-reading failures (too large, aborted, bad encoding) into JSON answers. */
function bodyErrorHandler(options: ResolvedUnbluRequestHandlerOptions) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
    if (res.headersSent || typeof status !== 'number' || status < 400 || status >= 500) {
      next(error);
      return;
    }
    const reply =
      type === 'entity.too.large'
        ? reject(413, 'payload too large', `the limit is ${options.maxBodyBytes} bytes`)
        : reject(status, 'unreadable body');
    options.logger.warn({ status, type }, 'refused Unblu call: body could not be read');
    sendSignedReply(res, reply, options.secrets[0] ?? '');
  };
}

/** Verifies, parses and dispatches one call; resolves with the answer and the secret to sign it with. */
async function answerCall(req: Request, options: ResolvedUnbluRequestHandlerOptions): Promise<{ reply: UnbluReply; secretIndex: number }> {
  const { logger } = options;
  if (req.body !== undefined && !Buffer.isBuffer(req.body)) {
    logger.error({}, 'Unblu call body was parsed before the Unblu handler: mount it before any body parser');
    return { reply: reject(500, 'internal error'), secretIndex: 0 };
  }
  const rawBody = (req.body as Buffer | undefined) ?? Buffer.alloc(0);
  const verdict = verifyUnbluSignature(req.headers, rawBody, options.secrets);
  if (!verdict.valid) {
    logger.warn({ reason: verdict.reason }, 'refused Unblu call: signature check failed');
    return { reply: reject(401, 'invalid signature', verdict.reason), secretIndex: 0 };
  }
  const { secretIndex } = verdict;
  const parsed = parseUnbluCall(req.headers, rawBody, { clock: options.clock });
  if (!parsed.ok) {
    logger.warn({ code: parsed.error.code, detail: parsed.error.detail }, 'refused Unblu call: cannot parse it');
    return { reply: reject(400, PARSE_FAILURE_LABELS[parsed.error.failure], parsed.error.detail), secretIndex };
  }
  const delivery = parsed.call.kind === 'event' ? parsed.call.event.delivery : parsed.call.delivery;
  const fields = { name: delivery.name, id: delivery.id, retryNo: delivery.retryNo };
  logger.debug(fields, 'Unblu call received');
  try {
    return { reply: await dispatchUnbluCall(parsed.call, options.listener, logger), secretIndex };
  } catch (error) {
    return { reply: failureReply(error, logger, fields), secretIndex };
  }
}

/**
 * The express router for Parley's Unblu endpoint: mount it at the path configured as the
 * channel's (or webhook registration's) endpoint, before any body parser, e.g.
 * `app.use('/unblu', createUnbluRequestHandler({ secrets, listener }))`. It answers POST only.
 *
 * Per call, in order:
 * 1. `User-Agent` other than `Unblu-Hookshot` (unless disabled) → 401, body not read;
 * 2. body read raw, up to `maxBodyBytes` → else 413;
 * 3. signature (`x-unblu-signature-256` and/or `x-unblu-signature`) over the exact bytes, against
 *    every accepted secret → else 401 `{ error: 'invalid signature', detail }`, nothing called;
 * 4. exactly one of `x-unblu-service-name` / `x-unblu-event`, a JSON body with the fields Parley
 *    needs → else 400 `{ error, detail }` naming the header or field;
 * 5. the listener is awaited, then 200 with the typed answer (`PingResponse`,
 *    `ExternalMessengerNewMessageResponse` carrying the listener's `externalMessageId`,
 *    `ExternalMessengerMessageStateResponse`, an ERROR response to agent-initiated contact
 *    requests, `{}` for webhooks). Calls Parley does not know are answered 200 `{}` and logged
 *    at debug level: Unblu may send events nobody subscribed to, and an error would only make it
 *    retry. A listener `TransientError` → 503 (+ `Retry-After`), any other failure → 500 with a
 *    generic body.
 *
 * The request's Content-Type is not checked (Unblu sends `application/json; charset=UTF-8`): the
 * body is read as bytes whatever its type, and the signature is what authenticates them.
 * Every answer is JSON, signed over its exact bytes, never compressed.
 * @throws ConfigError when the options are invalid (at creation, not per request).
 */
export function createUnbluRequestHandler(options: UnbluRequestHandlerOptions): Router {
  const resolved = resolveUnbluRequestHandlerOptions(options);
  const router = express.Router();
  const readRawBody = express.raw({ type: () => true, limit: resolved.maxBodyBytes });
  router.post('/', userAgentCheck(resolved), readRawBody, async (req: Request, res: Response) => {
    let answer: { reply: UnbluReply; secretIndex: number };
    try {
      answer = await answerCall(req, resolved);
    } catch (error) {
      resolved.logger.error({ err: error }, 'Unblu handler failed');
      answer = { reply: reject(500, 'internal error'), secretIndex: 0 };
    }
    sendSignedReply(res, answer.reply, resolved.secrets[answer.secretIndex] ?? resolved.secrets[0] ?? '');
  });
  router.use(bodyErrorHandler(resolved));
  return router;
}
