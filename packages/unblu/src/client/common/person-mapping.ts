import type { VisitorSpec } from '@parley/core';
import { optional } from './optional.js';
import type { WirePersonData } from './wire-common.js';

/**
 * The virtual person standing for a messenger customer, the same body in v3 and v4.
 * `sourceId` (`spec.personSourceId`) is what makes `createOrUpdateVirtual` idempotent.
 * Only known fields are sent, so a message without a name does not wipe the name Unblu has.
 */
export function virtualPerson(spec: VisitorSpec): WirePersonData {
  return {
    $_type: 'PersonData',
    personSource: 'VIRTUAL',
    sourceId: spec.personSourceId,
    personType: 'VISITOR',
    ...optional('firstName', spec.firstName),
    ...optional('lastName', spec.lastName),
    ...optional('nickname', spec.nickname),
    ...optional('email', spec.email),
    ...optional('phone', spec.phone),
  };
}

/** How the customer is named on their contact: full name, else nickname, else their messenger id. */
export function visitorName(spec: VisitorSpec): string {
  const fullName = [spec.firstName, spec.lastName].filter((part) => part !== undefined && part.trim() !== '').join(' ');
  if (fullName !== '') return fullName;
  if (spec.nickname !== undefined && spec.nickname.trim() !== '') return spec.nickname;
  return spec.externalId;
}
