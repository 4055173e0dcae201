/** `parley doctor`: runs checks of the store, Unblu, the channels and the adapters, and reports them. */
export { runDoctor, DEFAULT_CHECK_TIMEOUT_MS } from './run-doctor.js';
export type { DoctorLine, DoctorReport, RunDoctorOptions } from './run-doctor.js';
export type { DoctorCheck } from './doctor-check.js';
export { formatDoctorReport } from './format-doctor-report.js';
export { storeCheck, describeStoreUrl } from './store-check.js';
export { unbluCheck } from './unblu-check.js';
export { channelCheck } from './channel-check.js';
export { pingRoundTripCheck } from './ping-round-trip-check.js';
export type { PingRoundTripOptions } from './ping-round-trip-check.js';
export { adapterCheck } from './adapter-check.js';
export type { AdapterCheckOptions } from './adapter-check.js';
