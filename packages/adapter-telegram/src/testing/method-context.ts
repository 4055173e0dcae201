import type { MethodParams } from './method-params.js';
import type { SimulatedBot } from './simulated-bot.js';
import type { SimulatorState } from './simulator-state.js';

/** What a Bot API method handler gets: the calling bot (authorized), its parameters and the simulator. */
export interface MethodContext {
  readonly state: SimulatorState;
  readonly bot: SimulatedBot;
  readonly params: MethodParams;
  /** Aborts when the caller hangs up or the simulator closes; only long polls wait on it. */
  readonly signal: AbortSignal;
}

/** A Bot API method: returns the `result`, or throws a BotApiError. */
export type MethodHandler = (context: MethodContext) => unknown;
