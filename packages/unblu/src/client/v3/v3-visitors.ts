import type { UnbluVisitor, UnbluVisitors, VisitorSpec } from '@parley/core';
import { virtualPerson } from '../common/person-mapping.js';
import { badResponse } from '../unblu-errors.js';
import type { UnbluV3Api } from './unblu-v3-api.js';

/**
 * Core's {@link UnbluVisitors} over web API v3, which has no external messenger contacts:
 * the customer is a virtual person only, and `contactId` stays undefined. The link to the
 * channel is made per conversation (participant `connectedViaExternalMessenger`).
 */
export class UnbluV3Visitors implements UnbluVisitors {
  constructor(private readonly api: UnbluV3Api) {}

  /** Creates or updates the virtual person identified by `personSourceId`. Idempotent. */
  async upsert(spec: VisitorSpec): Promise<UnbluVisitor> {
    const person = await this.api.persons.createOrUpdateVirtual(virtualPerson(spec));
    if (typeof person?.id !== 'string') throw badResponse('persons/createOrUpdateVirtual', 'person without id');
    return { personId: person.id };
  }
}
