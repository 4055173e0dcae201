/**
 * @parley/testing: what an adapter author and Parley's own tests need to prove behaviour without
 * real networks — the adapter conformance suite, in-memory fakes of core's ports (store, Unblu
 * gateway), a fake clock and a loopback adapter driven like a real messenger.
 */
export * from './adapter/index.js';
export * from './clock/index.js';
export * from './conformance/index.js';
export * from './net/index.js';
export * from './store/index.js';
export * from './unblu/index.js';
export * from './wait/index.js';

/** The host plugin export: `adapter: "@parley/testing"` loads the loopback messenger. */
export { loopbackPlugin as parleyAdapter } from './adapter/loopback-plugin.js';
