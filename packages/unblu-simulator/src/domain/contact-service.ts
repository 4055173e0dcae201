import { newId } from '../ids.js';
import { badRequest, conflict, notFound } from '../unblu-error.js';
import type { ContactFields, ContactRecord } from './entities.js';
import type { ConversationService } from './conversation-service.js';
import { search, type SearchPage, type SearchQuery } from './search.js';
import type { SimulatorState } from './simulator-state.js';

/**
 * External messenger contacts (v4): the link between a messenger user (`sourceId`, unique per
 * channel in the simulator) and an Unblu person.
 */
export class ContactService {
  constructor(
    private readonly state: SimulatorState,
    private readonly conversations: ConversationService,
  ) {}

  create(fields: ContactFields): ContactRecord {
    this.state.channel(fields.externalMessengerChannelId);
    if (!this.state.persons.has(fields.personId)) throw notFound(`personId: person '${fields.personId}' does not exist`);
    this.requireFreeSource(fields, null);
    const now = this.state.now();
    const contact: ContactRecord = {
      ...fields,
      id: newId(),
      accountId: this.state.accountId,
      creationTimestamp: now,
      modificationTimestamp: now,
    };
    this.state.contacts.set(contact.id, contact);
    return contact;
  }

  /** Full update; the person link and the channel cannot change. */
  update(id: string | null, fields: ContactFields): ContactRecord {
    if (!id) throw badRequest('id: required to update a contact');
    const current = this.state.contact(id);
    if (fields.personId !== current.personId) throw badRequest('personId: cannot be changed by an update');
    if (fields.externalMessengerChannelId !== current.externalMessengerChannelId) {
      throw badRequest('externalMessengerChannelId: cannot be changed by an update');
    }
    this.requireFreeSource(fields, id);
    Object.assign(current, fields, { modificationTimestamp: this.state.now() });
    return current;
  }

  read(id: string): ContactRecord {
    return this.state.contact(id);
  }

  /** Contacts for the ids that exist, in the order asked; unknown ids are skipped. */
  readMultiple(ids: string[]): ContactRecord[] {
    return ids.flatMap((id) => this.state.contacts.get(id) ?? []);
  }

  search(query: SearchQuery): SearchPage<ContactRecord> {
    return search([...this.state.contacts.values()], query, {
      ID: (c) => c.id,
      NAME: (c) => c.name,
      EXTERNAL_MESSENGER_CHANNEL_ID: (c) => c.externalMessengerChannelId,
      SOURCE_ID: (c) => c.sourceId,
      PERSON_ID: (c) => c.personId,
      CREATION_TIMESTAMP: (c) => c.creationTimestamp,
      MODIFICATION_TIMESTAMP: (c) => c.modificationTimestamp,
    });
  }

  /** Deletes the contact and ends its participations in conversations. */
  delete(id: string): void {
    this.state.contact(id);
    this.conversations.endContactParticipations(id);
    this.state.contacts.delete(id);
  }

  private requireFreeSource(fields: ContactFields, ownId: string | null): void {
    const taken = [...this.state.contacts.values()].find(
      (c) => c.id !== ownId && c.externalMessengerChannelId === fields.externalMessengerChannelId && c.sourceId === fields.sourceId,
    );
    if (taken) throw conflict(`sourceId: contact '${taken.id}' already has sourceId '${fields.sourceId}' on this channel`);
  }
}
