import { ConfigError, PermanentError, TransientError, type ConfigIssue, type UnbluGateway } from '@parley/core';
import { setupChannel } from './channel-setup.js';
import { describeSetupItem, type ChannelSetupResult, type SetupResult } from './setup-result.js';
import type { SetupOptions, SetupTarget } from './setup-target.js';
import { setupWebhook } from './webhook-setup.js';

/**
 * Makes Unblu match `target` (`parley setup`, and the host on every start): for each messenger
 * finds its channel by name and creates it or repairs drift (endpoint, status, message-state
 * handling, description, Parley's metadata, a visible secret), then does the same for the webhook
 * registration. Idempotent: a second run reports every item `unchanged` and writes nothing.
 * With `dryRun` it only reads.
 *
 * Items are handled one after the other, in order. Unblu's errors propagate as they came
 * (`TransientError`: try again later; `PermanentError`: Unblu refused, e.g. `unblu.401`,
 * `unblu.409` when an admin edited the channel meanwhile), with the message naming the item;
 * items before the failing one stay done. A target with duplicate names or messenger ids is a
 * {@link ConfigError} before anything is read.
 */
export async function runSetup(gateway: UnbluGateway, target: SetupTarget, options: SetupOptions = {}): Promise<SetupResult> {
  checkSetupTarget(target);
  const shared = { endpoint: target.endpoint, secret: target.secret };
  const channels: ChannelSetupResult[] = [];
  for (const channel of target.channels) {
    const item = describeSetupItem({ kind: 'channel', ...channel });
    channels.push(await naming(item, setupChannel(gateway, channel, shared, options)));
  }
  const item = describeSetupItem({ kind: 'webhook', name: target.webhook.name });
  const webhook = await naming(item, setupWebhook(gateway, target.webhook, shared, options));
  return { dryRun: options.dryRun ?? false, channels, webhook, channelIds: channelIds(channels) };
}

function channelIds(channels: ChannelSetupResult[]): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const { messengerId, channelId } of channels) if (channelId !== undefined) ids[messengerId] = channelId;
  return ids;
}

/** Two messengers on one channel would undo each other's metadata on every run. */
function checkSetupTarget(target: SetupTarget): void {
  const issues: ConfigIssue[] = [
    ...duplicates(target.channels.map((c) => c.name)).map((name) => ({
      path: 'channels',
      message: `channel name '${name}' is used by more than one messenger`,
    })),
    ...duplicates(target.channels.map((c) => c.messengerId)).map((id) => ({
      path: 'channels',
      message: `messenger '${id}' is listed more than once`,
    })),
  ];
  if (issues.length > 0) throw new ConfigError('setup target', issues);
}

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

/**
 * Re-raises a failure with the item in its message, keeping class, code and `retryAfterMs`, so
 * callers still tell "try later" from "Unblu refused" and the original stays in `cause`.
 */
async function naming<T>(item: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw withItem(item, error);
  }
}

function withItem(item: string, error: unknown): Error {
  const message = `${item}: ${error instanceof Error ? error.message : String(error)}`;
  if (error instanceof TransientError) {
    const retryAfter = error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs };
    return new TransientError(message, error.code, { cause: error, ...retryAfter });
  }
  if (error instanceof PermanentError) return new PermanentError(message, error.code, { cause: error });
  return new Error(message, { cause: error });
}
