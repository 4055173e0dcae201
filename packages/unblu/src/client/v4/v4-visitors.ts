import type { UnbluVisitor, UnbluVisitors, VisitorSpec } from '@parley/core';
import { virtualPerson, visitorName } from '../common/person-mapping.js';
import { equalsFilter } from '../common/search.js';
import { UnbluPermanentError, badResponse } from '../unblu-errors.js';
import type { UnbluV4Api } from './unblu-v4-api.js';
import type { WireExternalMessengerContact } from './wire.js';

/**
 * Core's {@link UnbluVisitors} over web API v4: a customer is a virtual person plus an
 * external messenger contact linking that person to the channel.
 */
export class UnbluV4Visitors implements UnbluVisitors {
  constructor(private readonly api: UnbluV4Api) {}

  /**
   * Creates or updates the virtual person (`personSourceId` identifies it), then finds the
   * contact by channel and `externalId`, creating it for that person when absent. Idempotent.
   * When the contact already exists its person wins: an agent may have moved the contact to
   * another (e.g. identified) person, and its conversations follow that person.
   */
  async upsert(spec: VisitorSpec): Promise<UnbluVisitor> {
    const person = await this.api.persons.createOrUpdateVirtual(virtualPerson(spec));
    if (typeof person?.id !== 'string') throw badResponse('persons/createOrUpdateVirtual', 'person without id');
    const existing = await this.findContact(spec.channelId, spec.externalId);
    if (existing !== undefined) return visitorOf(existing, person.id);
    return visitorOf(await this.createContact(spec, person.id), person.id);
  }

  private async createContact(spec: VisitorSpec, personId: string): Promise<WireExternalMessengerContact> {
    const contact: WireExternalMessengerContact = {
      $_type: 'ExternalMessengerContact',
      name: visitorName(spec),
      externalMessengerChannelId: spec.channelId,
      sourceId: spec.externalId,
      personId,
    };
    try {
      return await this.api.contacts.create(contact);
    } catch (error) {
      // Someone else created it between our search and create: theirs is as good as ours.
      if (!(error instanceof UnbluPermanentError)) throw error;
      const raced = await this.findContact(spec.channelId, spec.externalId);
      if (raced === undefined) throw error;
      return raced;
    }
  }

  private async findContact(channelId: string, externalId: string): Promise<WireExternalMessengerContact | undefined> {
    const result = await this.api.contacts.search({
      $_type: 'ExternalMessengerContactQuery',
      searchFilters: [
        equalsFilter(
          'ExternalMessengerChannelIdExternalMessengerContactSearchFilter',
          'EXTERNAL_MESSENGER_CHANNEL_ID',
          'EqualsIdOperator',
          channelId,
        ),
        equalsFilter('SourceIdExternalMessengerContactSearchFilter', 'SOURCE_ID', 'EqualsStringOperator', externalId),
      ],
      offset: 0,
      limit: 2,
    });
    // Filter again: the channel id and source id must match exactly, whatever the server's matching.
    return result?.items?.find((item) => item.externalMessengerChannelId === channelId && item.sourceId === externalId);
  }
}

function visitorOf(contact: WireExternalMessengerContact, personId: string): UnbluVisitor {
  if (typeof contact?.id !== 'string') throw badResponse('externalmessengercontacts', 'contact without id');
  return { personId: contact.personId ?? personId, contactId: contact.id };
}
