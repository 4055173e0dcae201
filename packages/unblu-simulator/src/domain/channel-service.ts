import { newId } from '../ids.js';
import { badGateway, badRequest, conflict, notFound } from '../unblu-error.js';
import type { ChannelFields, ChannelRecord, RegistrationStatus } from './entities.js';
import type { ChannelPort } from './ports.js';
import { search, type SearchPage, type SearchQuery } from './search.js';
import type { SimulatorState } from './simulator-state.js';
import type { ConversationService } from './conversation-service.js';
import { checkVersion } from './versioning.js';

/** Input of a channel update: the full entity plus the identity and version it is based on. */
export interface ChannelUpdate extends ChannelFields {
  id: string | null;
  version: number | null;
}

/** Custom external messenger channels: CRUD, search, ping and deletion with its consequences. */
export class ChannelService {
  constructor(
    private readonly state: SimulatorState,
    private readonly endpoint: ChannelPort,
    private readonly conversations: ConversationService,
  ) {}

  create(fields: ChannelFields): ChannelRecord {
    this.requireFreeName(fields.name, null);
    const now = this.state.now();
    const channel: ChannelRecord = {
      ...fields,
      metadata: fields.metadata ?? {},
      id: newId(),
      accountId: this.state.accountId,
      creationTimestamp: now,
      modificationTimestamp: now,
      version: 1,
    };
    this.state.channels.set(channel.id, channel);
    return channel;
  }

  /** Replaces every client-settable field; `metadata: null` keeps the stored metadata. */
  update(update: ChannelUpdate): ChannelRecord {
    if (!update.id) throw badRequest('id: required to update a channel');
    const current = this.state.channel(update.id);
    checkVersion('channel', current, update.version);
    this.requireFreeName(update.name, current.id);
    const { id: _id, version: _version, ...fields } = update;
    Object.assign(current, fields, {
      metadata: fields.metadata ?? current.metadata,
      version: current.version + 1,
      modificationTimestamp: this.state.now(),
    });
    return current;
  }

  read(id: string): ChannelRecord {
    return this.state.channel(id);
  }

  byName(name: string): ChannelRecord {
    const channel = [...this.state.channels.values()].find((c) => c.name === name);
    if (!channel) throw notFound(`no external messenger channel named '${name}'`);
    return channel;
  }

  search(query: SearchQuery): SearchPage<ChannelRecord> {
    return search([...this.state.channels.values()], query, {
      NAME: (c) => c.name,
      TYPE: () => 'CUSTOM',
      CONTACT_IDENTIFIER_FIELD_NAME: (c) => c.contactIdentifierFieldName,
      CONTACT_IDENTIFIER_FIELD_TYPE: (c) => c.contactIdentifierFieldType,
      CREATION_TIMESTAMP: (c) => c.creationTimestamp,
      MODIFICATION_TIMESTAMP: (c) => c.modificationTimestamp,
    });
  }

  /**
   * Deletes the channel and its contacts. Unblu ends the channel's conversations lazily ("when
   * activated again"); the simulator ends them at once so the effect is observable.
   */
  delete(id: string): void {
    this.state.channel(id);
    this.conversations.endAll((c) => c.externalMessengerChannelId === id, 'EXTERNAL_CHANNEL_CLOSED');
    for (const contact of [...this.state.contacts.values()]) {
      if (contact.externalMessengerChannelId === id) this.state.contacts.delete(contact.id);
    }
    this.state.channels.delete(id);
  }

  /** Pings the channel endpoint and resolves with the ping id; 502 if it did not answer properly. */
  async ping(id: string): Promise<string> {
    const outcome = await this.endpoint.ping(this.state.channel(id));
    if (!outcome.ok) throw badGateway(`ping of channel '${id}' failed: ${outcome.error}`);
    return outcome.value;
  }

  /** Test hook: what Unblu does when it gives up on an endpoint (or an admin switches it). */
  setWebhookStatus(id: string, status: RegistrationStatus): ChannelRecord {
    const channel = this.state.channel(id);
    channel.webhookStatus = status;
    channel.version += 1;
    channel.modificationTimestamp = this.state.now();
    return channel;
  }

  private requireFreeName(name: string, ownId: string | null): void {
    const taken = [...this.state.channels.values()].some((c) => c.name === name && c.id !== ownId);
    if (taken) throw conflict(`name: an external messenger channel named '${name}' already exists`);
  }
}
