import { PermanentError } from '@parley/core';

/**
 * Why a signed call from Unblu could not be understood:
 * - `missing-call-name`: neither `x-unblu-service-name` nor `x-unblu-event` was sent;
 * - `ambiguous-call-name`: both were sent, so it is neither a plain outbound request nor a webhook;
 * - `malformed-json`: the body is not JSON;
 * - `invalid-payload`: JSON, but a field Parley needs is missing or has the wrong type.
 */
export type UnbluCallParseFailure = 'missing-call-name' | 'ambiguous-call-name' | 'malformed-json' | 'invalid-payload';

/**
 * A call Unblu made that Parley cannot map to an event. Retrying the same bytes cannot help, hence
 * a {@link PermanentError}; the request handler answers it with 400 and {@link detail}.
 * `code` is `unblu.inbound.<failure>`.
 */
export class UnbluCallParseError extends PermanentError {
  readonly failure: UnbluCallParseFailure;
  /** Human-readable explanation naming the offending header or field paths; holds no body content. */
  readonly detail: string;
  /** Dotted paths of the offending fields (`conversationMessage.id`), for `invalid-payload`. */
  readonly fields: readonly string[];

  constructor(failure: UnbluCallParseFailure, detail: string, fields: readonly string[] = [], options: { cause?: unknown } = {}) {
    super(`Cannot parse Unblu call (${failure}): ${detail}`, `unblu.inbound.${failure}`, options);
    this.failure = failure;
    this.detail = detail;
    this.fields = fields;
  }
}
