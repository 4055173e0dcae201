import { newId } from '../ids.js';
import { notFound } from '../unblu-error.js';
import type { PersonFields, PersonRecord, PersonSource } from './entities.js';
import type { SimulatorState } from './simulator-state.js';

/** An agent of the simulated contact centre; agents are keyed by `username`. */
export interface AgentIdentity {
  username: string;
  firstName: string;
  lastName: string;
  /** Name shown to customers; defaults to the first name. */
  displayNameForVisitor?: string;
  email?: string;
}

/** The agent who acts when a test or the agent page names none. */
export const DEFAULT_AGENT: AgentIdentity = {
  username: 'anna.meier',
  firstName: 'Anna',
  lastName: 'Meier',
  displayNameForVisitor: 'Anna',
  email: 'anna.meier@bank.example',
};

/** Persons: virtual visitors created by the middleware and the agents of the simulated desk. */
export class PersonService {
  constructor(private readonly state: SimulatorState) {}

  /** Identity is (VIRTUAL, sourceId): an existing person is updated in place, keeping its id. */
  createOrUpdateVirtual(fields: PersonFields): PersonRecord {
    const existing = this.find('VIRTUAL', fields.sourceId);
    const person: PersonRecord = {
      ...fields,
      id: existing?.id ?? newId(),
      accountId: this.state.accountId,
      personSource: 'VIRTUAL',
      displayName: displayNameOf(fields),
      displayNameForVisitor: displayNameOf(fields),
      authorizationRole: fields.personType === 'AGENT' ? 'REGISTERED_USER' : null,
      metadata: fields.metadata ?? existing?.metadata ?? {},
    };
    this.state.persons.set(person.id, person);
    return person;
  }

  bySource(personSource: PersonSource, sourceId: string): PersonRecord {
    const person = this.find(personSource, sourceId);
    if (!person) throw notFound(`no person with personSource ${personSource} and sourceId '${sourceId}'`);
    return person;
  }

  /** The agent's person (a USER_DB person with personType AGENT), created on first use. */
  agent(identity: AgentIdentity = DEFAULT_AGENT): PersonRecord {
    const existing = this.find('USER_DB', identity.username);
    if (existing) return existing;
    const displayName = `${identity.firstName} ${identity.lastName}`;
    const person: PersonRecord = {
      id: newId(),
      accountId: this.state.accountId,
      personSource: 'USER_DB',
      sourceId: identity.username,
      sourceUrl: null,
      sourceData: null,
      firstName: identity.firstName,
      lastName: identity.lastName,
      username: identity.username,
      nickname: null,
      email: identity.email ?? null,
      phone: null,
      personType: 'AGENT',
      displayName,
      displayNameForVisitor: identity.displayNameForVisitor ?? identity.firstName,
      authorizationRole: 'REGISTERED_USER',
      metadata: {},
    };
    this.state.persons.set(person.id, person);
    return person;
  }

  private find(personSource: PersonSource, sourceId: string): PersonRecord | undefined {
    return [...this.state.persons.values()].find((p) => p.personSource === personSource && p.sourceId === sourceId);
  }
}

/** Unblu derives the display name; the simulator uses the most personal name it was given. */
function displayNameOf(p: PersonFields): string {
  const fullName = [p.firstName, p.lastName].filter(Boolean).join(' ');
  return p.nickname || fullName || p.username || p.email || p.phone || 'Visitor';
}
