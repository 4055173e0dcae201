import { loadConfig } from '../config/index.js';
import { startHost } from '../host.js';
import { configPath } from './config-path.js';
import { untilSignal } from './until-signal.js';

/** `parley serve`: runs Parley until SIGTERM/SIGINT, then shuts down gracefully (exit 0). */
export async function serveCommand(options: { config?: string; setup: boolean }): Promise<void> {
  const host = await startHost({ config: await loadConfig(configPath(options.config)), setup: options.setup });
  await untilSignal(host.logger);
  await host.close();
}
