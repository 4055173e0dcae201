import type { ChannelSpec, UnbluChannel } from '@parley/core';
import { assertEntity } from '../unblu-errors.js';
import { optional } from './optional.js';
import type { WireCustomChannelBase } from './wire-common.js';

/** Channel wire (either version) → core. v3 has no `outboundTimeoutMillis`, so it stays undefined. */
export function channelFromWire(
  wire: WireCustomChannelBase & { outboundTimeoutMillis?: number },
  operation: string,
): UnbluChannel {
  assertEntity(wire, operation, 'channel');
  return {
    id: wire.id,
    version: wire.version ?? 0,
    name: wire.name,
    ...optional('description', wire.description),
    ...optional('sourceId', wire.sourceId),
    endpoint: wire.webhookEndpoint,
    ...optional('secret', wire.webhookSecret),
    status: wire.webhookStatus ?? 'ACTIVE',
    webhookApiVersion: wire.webhookApiVersion ?? '',
    messageStateHandledExternally: wire.messageStateHandledExternally ?? false,
    ...optional('outboundTimeoutMillis', wire.outboundTimeoutMillis),
    ...optional('metadata', wire.metadata),
  };
}

/** The fields both versions take when creating a channel. */
export function channelSpecToWire(spec: ChannelSpec, webhookApiVersion: 'V3' | 'V4'): WireCustomChannelBase {
  return {
    $_type: 'CustomExternalMessengerChannel',
    type: 'CUSTOM',
    name: spec.name,
    ...optional('description', spec.description),
    ...optional('sourceId', spec.sourceId),
    webhookEndpoint: spec.endpoint,
    webhookApiVersion,
    ...optional('webhookSecret', spec.secret),
    webhookStatus: spec.status ?? 'ACTIVE',
    messageStateHandledExternally: spec.messageStateHandledExternally ?? false,
    ...optional('metadata', spec.metadata),
  };
}

/**
 * Lays `channel` over the channel as Unblu has it, so an update keeps what Parley does not
 * model (icon, contact identification, …) instead of resetting it. The version is the
 * caller's, so Unblu's optimistic locking still rejects an update based on a stale read.
 * A `secret` or `metadata` left undefined keeps Unblu's current value.
 */
export function mergeChannelIntoWire<W extends WireCustomChannelBase>(current: W, channel: UnbluChannel): W {
  return {
    ...current,
    $_type: 'CustomExternalMessengerChannel',
    type: 'CUSTOM',
    id: channel.id,
    version: channel.version,
    name: channel.name,
    description: channel.description,
    sourceId: channel.sourceId,
    webhookEndpoint: channel.endpoint,
    webhookStatus: channel.status,
    messageStateHandledExternally: channel.messageStateHandledExternally,
    ...optional('webhookSecret', channel.secret),
    ...optional('metadata', channel.metadata),
  };
}
