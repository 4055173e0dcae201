import { createUnbluGateway } from '@parley/unblu';
import { loadMessengers } from '../adapters/load-messengers.js';
import { loadConfig } from '../config/index.js';
import { formatSetupResult, runSetup } from '../setup/index.js';
import { setupTarget } from '../setup-target-from-config.js';
import { configPath } from './config-path.js';

/** `parley setup [--dry-run]`: makes Unblu's channels and webhook registration match the configuration. */
export async function setupCommand(options: { config?: string; dryRun: boolean; resendSecrets: boolean }, print: (line: string) => void): Promise<void> {
  const config = await loadConfig(configPath(options.config));
  const messengers = await loadMessengers(config.messengers);
  const { unblu } = config;
  const gateway = createUnbluGateway({ baseUrl: unblu.baseUrl, apiVersion: unblu.apiVersion, auth: unblu.auth, timeoutMs: unblu.timeoutMs });
  const result = await runSetup(gateway, setupTarget(config, messengers), { dryRun: options.dryRun, resendSecrets: options.resendSecrets });
  for (const line of formatSetupResult(result)) print(line);
}
