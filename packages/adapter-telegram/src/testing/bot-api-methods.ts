import type { MethodHandler } from './method-context.js';
import { mediaMethods } from './media-methods.js';
import { sendMethods } from './send-methods.js';
import { updateMethods } from './update-methods.js';

/**
 * The Bot API methods the simulator implements, keyed by lower-case name because Telegram's
 * method names are case-insensitive. Any other method is 404 `Not Found`, as in Telegram.
 */
export const botApiMethods: ReadonlyMap<string, MethodHandler> = new Map(
  Object.entries({ ...updateMethods, ...sendMethods, ...mediaMethods }).map(([name, handler]) => [name.toLowerCase(), handler]),
);
