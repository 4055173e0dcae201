import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiVersion } from '../domain/entities.js';
import type { CallOutcome } from '../domain/ports.js';
import { newId } from '../ids.js';
import type { CallKind, DeliveryLog } from './delivery-log.js';
import { postBytes, type RawResponse } from './http-post.js';
import { isValidSha256Signature, signatureHeaders } from './signatures.js';

/** How often and how patiently the simulator retries a failed call to a middleware endpoint. */
export interface RetryPolicy {
  /** Retries after the first attempt; 2 means up to three attempts in total. */
  retryCount: number;
  /** Fixed pause between attempts. */
  retryDelayMs: number;
  /** Treat an answer without a valid `x-unblu-signature-256` as failed (Unblu's behaviour is unknown). */
  requireSignedResponses: boolean;
}

export interface HookshotCall {
  kind: CallKind;
  /** Outbound service name or webhook event name; also sent as header. */
  name: string;
  url: string;
  body: unknown;
  secret: string | null;
  /** Dialect of the payload, sent as `X-Unblu-Version`. */
  apiVersion: ApiVersion;
  timeoutMs: number;
  /** Outbound requests only: rejects a parsed answer by returning the reason. */
  validate?: (json: unknown) => string | null;
}

type Attempt = CallOutcome<unknown> & { signatureValid: boolean | null; response: RawResponse | null };

/**
 * Unblu's HTTP caller ("Hookshot"): signs the body, sends it with Unblu's headers, and retries on
 * timeouts, connection errors, non-2xx answers and (for outbound requests) unusable bodies.
 * Every attempt is logged. The value of a successful outbound request is the parsed answer.
 */
export class Hookshot {
  constructor(
    private readonly policy: RetryPolicy,
    private readonly log: DeliveryLog,
    private readonly signal: AbortSignal,
  ) {}

  async call(call: HookshotCall): Promise<CallOutcome<unknown>> {
    const bytes = Buffer.from(JSON.stringify(call.body), 'utf8');
    const invocationId = newId();
    let lastError = 'the simulator is shutting down';
    for (let retryNo = 0; retryNo <= this.policy.retryCount && !this.signal.aborted; retryNo++) {
      if (retryNo > 0) await sleep(this.policy.retryDelayMs, undefined, { signal: this.signal }).catch(() => undefined);
      const attempt = await this.attempt(call, bytes, invocationId, retryNo);
      if (attempt.ok) return { ok: true, value: attempt.value };
      lastError = attempt.error;
    }
    return { ok: false, error: lastError };
  }

  private async attempt(call: HookshotCall, bytes: Buffer, invocationId: string, retryNo: number): Promise<Attempt> {
    const deliveryId = newId();
    const requestHeaders = this.headers(call, bytes, invocationId, deliveryId, retryNo);
    const startedAt = Date.now();
    const result = await postBytes(call.url, requestHeaders, bytes, call.timeoutMs, this.signal).then(
      (response) => this.evaluate(call, response),
      (error: unknown): Attempt => ({ ok: false, error: errorText(error), signatureValid: null, response: null }),
    );
    this.log.append({
      kind: call.kind,
      name: call.name,
      url: call.url,
      invocationId,
      deliveryId,
      retryNo,
      requestHeaders,
      requestBody: call.body,
      startedAt,
      durationMs: Date.now() - startedAt,
      status: result.response?.status ?? null,
      responseBody: result.response?.body.toString('utf8') ?? null,
      ok: result.ok,
      error: result.ok ? null : result.error,
      responseSignatureValid: result.signatureValid,
    });
    return result;
  }

  private evaluate(call: HookshotCall, response: RawResponse): Attempt {
    const header = response.headers['x-unblu-signature-256'];
    const signatureValid = call.secret
      ? isValidSha256Signature(call.secret, response.body, Array.isArray(header) ? header[0] : header)
      : null;
    const fail = (error: string): Attempt => ({ ok: false, error, signatureValid, response });
    if (response.status < 200 || response.status > 299) return fail(`endpoint answered HTTP ${response.status}`);
    if (this.policy.requireSignedResponses && signatureValid === false) return fail('answer lacks a valid x-unblu-signature-256');
    if (call.kind === 'webhook') return { ok: true, value: null, signatureValid, response };
    let json: unknown;
    try {
      json = JSON.parse(response.body.toString('utf8'));
    } catch {
      return fail('answer is not JSON');
    }
    const rejection = call.validate?.(json) ?? null;
    return rejection ? fail(rejection) : { ok: true, value: json, signatureValid, response };
  }

  /** Header names in lower case, as HTTP treats them and as the delivery log shows them. */
  private headers(call: HookshotCall, bytes: Buffer, invocationId: string, deliveryId: string, retryNo: number): Record<string, string> {
    const outbound = call.kind === 'outbound';
    return {
      'user-agent': 'Unblu-Hookshot',
      'content-type': 'application/json; charset=UTF-8',
      // Observed on real Hookshot calls, which still do not decompress a gzip answer (the
      // simulator neither): an endpoint that compresses its answers fails here as it would there.
      'accept-encoding': 'gzip',
      [outbound ? 'x-unblu-service-name' : 'x-unblu-event']: call.name,
      [outbound ? 'x-unblu-invocation-id' : 'x-unblu-event-id']: invocationId,
      'x-unblu-delivery': deliveryId,
      'x-unblu-retry-no': String(retryNo),
      'x-unblu-version': call.apiVersion,
      ...(call.secret ? signatureHeaders(call.secret, bytes) : {}),
    };
  }
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
