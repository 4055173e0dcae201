import type { MessengerSetupResult } from './messenger-setup.js';
import { describeSetupItem, type SetupAction, type SetupItemResult, type SetupResult } from './setup-result.js';

/**
 * The lines `parley setup` prints: one per item, its repaired drift indented below.
 * Results never hold the secret, so nothing here can print it.
 *
 * ```
 * channel 'Telegram' (telegram): updated
 *   status: INACTIVE → ACTIVE
 * webhook 'parley-lifecycle': unchanged
 * Telegram webhook (telegram): created
 *   url: (none) → https://parley.example.com/messengers/telegram/webhook
 * ```
 */
export function formatSetupResult(result: SetupResult, messengers: readonly MessengerSetupResult[] = []): string[] {
  const header = result.dryRun ? ['dry run: nothing was written to Unblu or the messengers'] : [];
  const items: SetupItemResult[] = [...result.channels, result.webhook];
  return [
    ...header,
    ...items.flatMap((item) => formatItem(describeSetupItem(item), item, result.dryRun)),
    ...messengers.flatMap((item) => formatItem(`${item.name} (${item.messengerId})`, item, result.dryRun)),
  ];
}

function formatItem(name: string, item: { action: SetupAction; changes: string[] }, dryRun: boolean): string[] {
  return [`${name}: ${verb(item.action, dryRun)}`, ...item.changes.map((change) => `  ${change}`)];
}

function verb(action: SetupAction, dryRun: boolean): string {
  switch (action) {
    case 'create':
      return dryRun ? 'would be created' : 'created';
    case 'update':
      return dryRun ? 'would be updated' : 'updated';
    case 'unchanged':
      return 'unchanged';
  }
}
