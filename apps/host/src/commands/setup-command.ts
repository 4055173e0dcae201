import { createUnbluGateway } from '@parley/unblu';
import { loadMessengers } from '../adapters/load-messengers.js';
import { loadConfig } from '../config/index.js';
import { silentLogger } from '@parley/core';
import { adapterRouteUrl } from '../server/adapter-routes.js';
import { formatSetupResult, runSetup, setupMessengers } from '../setup/index.js';
import { setupTarget } from '../setup-target-from-config.js';
import { configPath } from './config-path.js';

/**
 * `parley setup [--dry-run]`: makes Unblu's channels and webhook registration match the
 * configuration, then each messenger's own side (e.g. Telegram's webhook).
 */
export async function setupCommand(options: { config?: string; dryRun: boolean; resendSecrets: boolean }, print: (line: string) => void): Promise<void> {
  const config = await loadConfig(configPath(options.config));
  const messengers = await loadMessengers(config.messengers);
  const { unblu } = config;
  const gateway = createUnbluGateway({ baseUrl: unblu.baseUrl, apiVersion: unblu.apiVersion, auth: unblu.auth, timeoutMs: unblu.timeoutMs });
  const flags = { dryRun: options.dryRun, resendSecrets: options.resendSecrets };
  const result = await runSetup(gateway, setupTarget(config, messengers), flags);
  const publicUrl = (messengerId: string, path: string) => adapterRouteUrl(config.unblu.publicUrl, messengerId, path);
  const messengerResults = await setupMessengers(messengers, { ...flags, publicUrl, logger: silentLogger });
  for (const line of formatSetupResult(result, messengerResults)) print(line);
}
