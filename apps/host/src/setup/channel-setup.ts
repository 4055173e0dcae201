import type { UnbluChannel, UnbluGateway } from '@parley/core';
import { changeLine, presentLines, secretChangeLine, textChangeLine } from './drift.js';
import type { ChannelSetupResult } from './setup-result.js';
import type { ChannelTarget, SetupOptions, SetupTarget } from './setup-target.js';

/** Metadata marking a channel as Parley's, and which configured messenger it serves. */
export const MANAGED_BY = 'parley';

/** Where every channel and the registration point, and what Unblu signs with. */
type Shared = Pick<SetupTarget, 'endpoint' | 'secret'>;

/** Finds the channel by name, then creates it, repairs its drift, or leaves it alone. */
export async function setupChannel(
  gateway: UnbluGateway,
  target: ChannelTarget,
  shared: Shared,
  options: SetupOptions,
): Promise<ChannelSetupResult> {
  const result = { kind: 'channel', messengerId: target.messengerId, name: target.name } as const;
  const current = await gateway.channels.findByName(target.name);
  if (!current) {
    if (options.dryRun) return { ...result, action: 'create', changes: [] };
    const created = await gateway.channels.create({
      name: target.name,
      ...(target.description === undefined ? {} : { description: target.description }),
      endpoint: shared.endpoint,
      secret: shared.secret,
      status: 'ACTIVE',
      messageStateHandledExternally: target.messageStateHandledExternally,
      metadata: { managedBy: MANAGED_BY, messengerId: target.messengerId },
    });
    return { ...result, action: 'create', changes: [], channelId: created.id };
  }
  const changes = channelDrift(current, target, shared, options.resendSecrets ?? false);
  if (changes.length === 0) return { ...result, action: 'unchanged', changes, channelId: current.id };
  if (!options.dryRun) await gateway.channels.update(repairedChannel(current, target, shared));
  return { ...result, action: 'update', changes, channelId: current.id };
}

function channelDrift(current: UnbluChannel, target: ChannelTarget, shared: Shared, resendSecret: boolean): string[] {
  return presentLines([
    changeLine('endpoint', current.endpoint, shared.endpoint),
    // Unblu sets INACTIVE (or INACTIVE_UNAVAILABLE) when the endpoint failed; Parley is back now.
    changeLine('status', current.status, 'ACTIVE'),
    changeLine('messageStateHandledExternally', current.messageStateHandledExternally, target.messageStateHandledExternally),
    target.description === undefined ? undefined : textChangeLine('description', current.description, target.description),
    changeLine('metadata.managedBy', current.metadata?.['managedBy'], MANAGED_BY),
    changeLine('metadata.messengerId', current.metadata?.['messengerId'], target.messengerId),
    secretChangeLine(current.secret, shared.secret, resendSecret),
  ]);
}

/**
 * The channel as it should be, based on the version just read (so a concurrent admin edit makes
 * the update fail with a 409 rather than being overwritten). The secret is always re-sent: it is
 * write-only on some Unblu installations, so a read cannot be trusted to carry it. Metadata keys
 * other than Parley's are kept.
 */
function repairedChannel(current: UnbluChannel, target: ChannelTarget, shared: Shared): UnbluChannel {
  return {
    ...current,
    description: target.description ?? current.description,
    endpoint: shared.endpoint,
    secret: shared.secret,
    status: 'ACTIVE',
    messageStateHandledExternally: target.messageStateHandledExternally,
    metadata: { ...current.metadata, managedBy: MANAGED_BY, messengerId: target.messengerId },
  };
}
