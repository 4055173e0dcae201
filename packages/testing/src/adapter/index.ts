export { LOOPBACK_CAPABILITIES, LoopbackAdapter } from './loopback-adapter.js';
export type { CustomerMessageInput, DeliveredMessage, LoopbackAdapterOptions, ReadMark } from './loopback-adapter.js';
export { MemoryKeyValue, RecordingHealth, createRecordingContext } from './recording-context.js';
export type { RecordingContext, RecordingContextOverrides } from './recording-context.js';
export { RecordingRoutes } from './recording-routes.js';
export type { RouteInvocation } from './recording-routes.js';
export { RecordingSink } from './recording-sink.js';
export { loopbackPlugin } from './loopback-plugin.js';
export type { LoopbackPluginOptions } from './loopback-plugin.js';
