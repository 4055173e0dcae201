import { describeRestartUnderLoad } from './harness/restart-under-load.js';

/*
 * Drill 3: the host stopped in the middle of a load — gracefully (SIGTERM) and killed (SIGKILL) —
 * and restarted on the same store.
 */
describeRestartUnderLoad('SIGTERM', ['sqlite', 'postgres']);
describeRestartUnderLoad('SIGKILL', ['sqlite', 'postgres']);
