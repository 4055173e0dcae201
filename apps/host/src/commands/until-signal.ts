import type { Logger } from '@parley/core';

/**
 * Resolves on the first SIGTERM or SIGINT (the caller then shuts down gracefully); a second
 * signal while shutting down exits at once with status 1.
 */
export function untilSignal(logger: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      logger.info({ signal }, 'shutting down; send the signal again to exit at once');
      process.removeListener('SIGTERM', onSignal);
      process.removeListener('SIGINT', onSignal);
      const force = (): never => process.exit(1);
      process.once('SIGTERM', force);
      process.once('SIGINT', force);
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
