import type { Api } from 'grammy';

/** The AbortSignal type grammy's declarations use (from its `abort-controller` shim). */
export type GrammySignal = NonNullable<Parameters<Api['getMe']>[0]>;

/**
 * Node's own AbortSignal, typed for grammy. grammy listens for the signal's `abort` event,
 * which Node's signal fires; only the declarations differ.
 */
export function forGrammy(signal: AbortSignal): GrammySignal {
  return signal as unknown as GrammySignal;
}
