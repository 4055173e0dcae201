import { describeSetupItem, type SetupAction, type SetupItemResult, type SetupResult } from './setup-result.js';

/**
 * The lines `parley setup` prints: one per item, its repaired drift indented below.
 * Results never hold the secret, so nothing here can print it.
 *
 * ```
 * channel 'Telegram' (telegram): updated
 *   status: INACTIVE → ACTIVE
 * webhook 'parley-lifecycle': unchanged
 * ```
 */
export function formatSetupResult(result: SetupResult): string[] {
  const header = result.dryRun ? ['dry run: nothing was written to Unblu'] : [];
  const items: SetupItemResult[] = [...result.channels, result.webhook];
  return [...header, ...items.flatMap((item) => formatItem(item, result.dryRun))];
}

function formatItem(item: SetupItemResult, dryRun: boolean): string[] {
  return [`${describeSetupItem(item)}: ${verb(item.action, dryRun)}`, ...item.changes.map((change) => `  ${change}`)];
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
