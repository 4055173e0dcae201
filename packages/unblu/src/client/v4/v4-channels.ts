import type { ChannelSpec, UnbluChannel, UnbluChannels } from '@parley/core';
import { channelFromWire, channelSpecToWire, mergeChannelIntoWire } from '../common/channel-mapping.js';
import { collectAll } from '../common/search.js';
import { undefinedOn404 } from '../unblu-errors.js';
import type { UnbluV4Api } from './unblu-v4-api.js';
import type { WireCustomExternalMessengerChannel } from './wire.js';

/** Used when a spec names no outbound timeout; v4 requires one. */
export const DEFAULT_OUTBOUND_TIMEOUT_MS = 10_000;
/** Channel reads always ask for metadata: Parley may keep state there and compares it in setup. */
const EXPAND = ['metadata'] as const;

/** Core's {@link UnbluChannels} over web API v4. */
export class UnbluV4Channels implements UnbluChannels {
  constructor(private readonly api: UnbluV4Api) {}

  /**
   * Creates a custom channel speaking web API V4 (outbound requests). Parley answers
   * `new_message` and `message_state` only, so `outboundSupported` (agent-initiated contacts
   * and conversations) is off.
   */
  async create(spec: ChannelSpec): Promise<UnbluChannel> {
    const wire: WireCustomExternalMessengerChannel = {
      ...channelSpecToWire(spec, 'V4'),
      outboundSupported: false,
      outboundTimeoutMillis: spec.outboundTimeoutMillis ?? DEFAULT_OUTBOUND_TIMEOUT_MS,
      contactIdentifierFieldName: '',
      contactIdentifierFieldType: 'OTHER',
      // One customer may talk through several chats (a private chat and a group).
      supportsMultipleConversationsPerContact: true,
    };
    return channelFromWire(await this.api.channels.create(wire, EXPAND), 'externalmessengers/create');
  }

  /**
   * Reads the channel first and writes it back with Parley's fields laid over, so settings
   * Parley does not model survive. `channel.version` must be Unblu's newest (else `unblu.409`);
   * a deleted channel fails with `unblu.404`.
   */
  async update(channel: UnbluChannel): Promise<UnbluChannel> {
    const current = await this.api.channels.read(channel.id, EXPAND);
    const wire = mergeChannelIntoWire(current, channel);
    if (channel.outboundTimeoutMillis !== undefined) wire.outboundTimeoutMillis = channel.outboundTimeoutMillis;
    return channelFromWire(await this.api.channels.update(wire, EXPAND), 'externalmessengers/update');
  }

  async read(id: string): Promise<UnbluChannel | undefined> {
    return this.customOnly(await undefinedOn404(this.api.channels.read(id, EXPAND)), 'externalmessengers/read');
  }

  async findByName(name: string): Promise<UnbluChannel | undefined> {
    return this.customOnly(await undefinedOn404(this.api.channels.getByName(name, EXPAND)), 'externalmessengers/getByName');
  }

  async list(): Promise<UnbluChannel[]> {
    const wires = await collectAll((offset, limit) =>
      this.api.channels.searchCustom({ $_type: 'CustomExternalMessengerChannelQuery', offset, limit }, EXPAND),
    );
    return wires.map((wire) => channelFromWire(wire, 'externalmessengers/searchCustom'));
  }

  async delete(id: string): Promise<void> {
    await this.api.channels.delete(id);
  }

  /** Asks Unblu to ping the channel endpoint (an `outbound.ping` request); resolves with the ping id. */
  async ping(channelId: string): Promise<string> {
    const response = await this.api.channels.sendPing(channelId);
    return typeof response?.pingId === 'string' ? response.pingId : '';
  }

  /** SMS and WhatsApp channels share the endpoints; they are not Parley's to manage. */
  private customOnly(wire: WireCustomExternalMessengerChannel | undefined, operation: string): UnbluChannel | undefined {
    if (wire === undefined || wire === null) return undefined;
    const type: string | undefined = wire.type;
    if (type !== undefined && type !== 'CUSTOM') return undefined;
    return channelFromWire(wire, operation);
  }
}
