import type { AdapterSetupItem, Logger, MessengerAdapter } from '@parley/core';
import type { SetupAction } from './setup-result.js';

/** What setup did (or would do) on a messenger's own side, e.g. Telegram's webhook registration. */
export interface MessengerSetupResult {
  kind: 'messenger';
  messengerId: string;
  name: string;
  action: SetupAction;
  changes: string[];
}

export interface MessengerSetupOptions {
  /** The public URL of a messenger's route (the host's `/messengers/<id><path>`). */
  publicUrl: (messengerId: string, path: string) => string;
  dryRun?: boolean;
  resendSecrets?: boolean;
  logger: Logger;
  signal?: AbortSignal;
}

/**
 * Runs the optional `setup` of every adapter that has one, in order. A failure is re-raised
 * naming the messenger, with its class and code kept (see `runSetup`).
 */
export async function setupMessengers(messengers: readonly { messengerId: string; adapter: MessengerAdapter }[], options: MessengerSetupOptions): Promise<MessengerSetupResult[]> {
  const results: MessengerSetupResult[] = [];
  for (const { messengerId, adapter } of messengers) {
    if (adapter.setup === undefined) continue;
    let items: AdapterSetupItem[];
    try {
      items = await adapter.setup({
        messengerId,
        publicUrl: (path) => options.publicUrl(messengerId, path),
        dryRun: options.dryRun ?? false,
        resendSecrets: options.resendSecrets ?? false,
        logger: options.logger,
        signal: options.signal ?? new AbortController().signal,
      });
    } catch (error) {
      if (error instanceof Error) error.message = `messenger '${messengerId}': ${error.message}`;
      throw error;
    }
    results.push(...items.map((item) => ({ kind: 'messenger' as const, messengerId, ...item })));
  }
  return results;
}
