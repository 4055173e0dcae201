import type { ChannelSpec, UnbluChannel, UnbluChannels } from '@parley/core';
import { channelFromWire, channelSpecToWire, mergeChannelIntoWire } from '../common/channel-mapping.js';
import { collectAll } from '../common/search.js';
import { undefinedOn404 } from '../unblu-errors.js';
import type { UnbluV3Api } from './unblu-v3-api.js';
import type { WireV3CustomExternalMessengerChannel } from './wire.js';

/** Channel reads always ask for metadata: Parley may keep state there and compares it in setup. */
const EXPAND = ['metadata'] as const;

/**
 * Core's {@link UnbluChannels} over web API v3. Channels speak webhooks (`V3`); v3 has no
 * outbound requests, so `outboundTimeoutMillis` is ignored.
 */
export class UnbluV3Channels implements UnbluChannels {
  constructor(private readonly api: UnbluV3Api) {}

  async create(spec: ChannelSpec): Promise<UnbluChannel> {
    const created = await this.api.channels.create(channelSpecToWire(spec, 'V3'), EXPAND);
    return channelFromWire(created, 'externalmessengers/create');
  }

  /**
   * Reads the channel first and writes it back with Parley's fields laid over, so settings
   * Parley does not model survive. `channel.version` must be Unblu's newest (else `unblu.409`).
   */
  async update(channel: UnbluChannel): Promise<UnbluChannel> {
    const current = await this.api.channels.read(channel.id, EXPAND);
    const updated = await this.api.channels.update(mergeChannelIntoWire(current, channel), EXPAND);
    return channelFromWire(updated, 'externalmessengers/update');
  }

  async read(id: string): Promise<UnbluChannel | undefined> {
    return fromOptionalWire(await undefinedOn404(this.api.channels.read(id, EXPAND)), 'externalmessengers/read');
  }

  async findByName(name: string): Promise<UnbluChannel | undefined> {
    return fromOptionalWire(await undefinedOn404(this.api.channels.getByName(name, EXPAND)), 'externalmessengers/getByName');
  }

  async list(): Promise<UnbluChannel[]> {
    const wires = await collectAll((offset, limit) =>
      this.api.channels.search({ $_type: 'ExternalMessengerChannelQuery', offset, limit }, EXPAND),
    );
    return wires.map((wire) => channelFromWire(wire, 'externalmessengers/search'));
  }

  async delete(id: string): Promise<void> {
    await this.api.channels.delete(id);
  }

  /** Unblu sends a `ping` webhook event to the channel endpoint. v3 has no ping id: resolves with ''. */
  async ping(channelId: string): Promise<string> {
    await this.api.channels.pingCustomChannel(channelId);
    return '';
  }
}

function fromOptionalWire(
  wire: WireV3CustomExternalMessengerChannel | undefined,
  operation: string,
): UnbluChannel | undefined {
  // Unblu 7 may answer an empty body for an unknown name instead of 404.
  return wire === undefined || wire === null ? undefined : channelFromWire(wire, operation);
}
