/**
 * Dependency-injection tokens. `Symbol.for` keys, so two copies of `@parley/core` in one process
 * (an adapter installed with its own) still agree on them.
 */
export const TOKENS = {
  /** Every configured `MessengerAdapter` instance (multi-bound). */
  Adapter: Symbol.for('@parley/core/Adapter'),
  /** The options an adapter module was built from. */
  AdapterOptions: Symbol.for('@parley/core/AdapterOptions'),
  UnbluGateway: Symbol.for('@parley/core/UnbluGateway'),
  UnbluEventListener: Symbol.for('@parley/core/UnbluEventListener'),
  Store: Symbol.for('@parley/core/Store'),
  Clock: Symbol.for('@parley/core/Clock'),
  Logger: Symbol.for('@parley/core/Logger'),
} as const;
