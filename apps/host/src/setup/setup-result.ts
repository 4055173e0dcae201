export type SetupAction = 'create' | 'update' | 'unchanged';

/** What setup did (or, in a dry run, would do) to one channel. */
export interface ChannelSetupResult {
  kind: 'channel';
  messengerId: string;
  name: string;
  action: SetupAction;
  /** Human-readable drift that was repaired, e.g. `status: INACTIVE → ACTIVE`. Empty for create and unchanged. */
  changes: string[];
  /** Unblu's channel id; undefined only in a dry run for a channel that does not exist yet. */
  channelId?: string;
}

/** What setup did (or would do) to the webhook registration. */
export interface WebhookSetupResult {
  kind: 'webhook';
  name: string;
  action: SetupAction;
  changes: string[];
  /** Undefined only in a dry run for a registration that does not exist yet. */
  registrationId?: string;
}

export interface SetupResult {
  dryRun: boolean;
  /** In the order of the target's channels. */
  channels: ChannelSetupResult[];
  webhook: WebhookSetupResult;
  /** Channel id per messengerId, for the engine's bindings. Channels still to be created are absent. */
  channelIds: Record<string, string>;
}

export type SetupItemResult = ChannelSetupResult | WebhookSetupResult;

/** How the CLI and error messages name an item: `channel 'Telegram' (telegram)`, `webhook 'parley'`. */
export function describeSetupItem(item: Pick<ChannelSetupResult, 'kind' | 'name' | 'messengerId'> | Pick<WebhookSetupResult, 'kind' | 'name'>): string {
  return item.kind === 'channel' ? `channel '${item.name}' (${item.messengerId})` : `webhook '${item.name}'`;
}
