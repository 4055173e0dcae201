import { newId } from '../ids.js';
import { badGateway, badRequest, conflict, notFound } from '../unblu-error.js';
import type { WebhookRegistrationFields, WebhookRegistrationRecord } from './entities.js';
import type { ConversationEventPort } from './ports.js';
import { search, type SearchPage, type SearchQuery } from './search.js';
import type { SimulatorState } from './simulator-state.js';
import { checkVersion } from './versioning.js';

export interface WebhookRegistrationUpdate extends WebhookRegistrationFields {
  id: string | null;
  version: number | null;
}

/** Webhook registrations: where conversation events go. Names are unique per account. */
export class WebhookRegistrationService {
  constructor(
    private readonly state: SimulatorState,
    private readonly events: ConversationEventPort,
  ) {}

  create(fields: WebhookRegistrationFields): WebhookRegistrationRecord {
    this.requireFreeName(fields.name, null);
    const now = this.state.now();
    const registration: WebhookRegistrationRecord = {
      ...fields,
      id: newId(),
      accountId: this.state.accountId,
      creationTimestamp: now,
      modificationTimestamp: now,
      version: 1,
    };
    this.state.registrations.set(registration.id, registration);
    return registration;
  }

  update(update: WebhookRegistrationUpdate): WebhookRegistrationRecord {
    if (!update.id) throw badRequest('id: required to update a webhook registration');
    const current = this.state.registration(update.id);
    checkVersion('webhook registration', current, update.version);
    this.requireFreeName(update.name, current.id);
    const { id: _id, version: _version, ...fields } = update;
    Object.assign(current, fields, { version: current.version + 1, modificationTimestamp: this.state.now() });
    return current;
  }

  read(id: string): WebhookRegistrationRecord {
    return this.state.registration(id);
  }

  byName(name: string): WebhookRegistrationRecord {
    const found = [...this.state.registrations.values()].find((r) => r.name === name);
    if (!found) throw notFound(`no webhook registration named '${name}'`);
    return found;
  }

  readMultiple(ids: string[]): WebhookRegistrationRecord[] {
    return ids.flatMap((id) => this.state.registrations.get(id) ?? []);
  }

  search(query: SearchQuery): SearchPage<WebhookRegistrationRecord> {
    return search([...this.state.registrations.values()], query, {
      NAME: (r) => r.name,
      DESCRIPTION: (r) => r.description,
      ENDPOINT: (r) => r.endpoint,
      CREATION_TIMESTAMP: (r) => r.creationTimestamp,
      MODIFICATION_TIMESTAMP: (r) => r.modificationTimestamp,
    });
  }

  delete(id: string): void {
    this.state.registration(id);
    this.state.registrations.delete(id);
  }

  /** Sends the `ping` webhook and waits for the answer; 502 if the endpoint failed. */
  async ping(id: string): Promise<void> {
    const outcome = await this.events.ping(this.state.registration(id));
    if (!outcome.ok) throw badGateway(`ping of webhook registration '${id}' failed: ${outcome.error}`);
  }

  private requireFreeName(name: string, ownId: string | null): void {
    const taken = [...this.state.registrations.values()].some((r) => r.name === name && r.id !== ownId);
    if (taken) throw conflict(`name: a webhook registration named '${name}' already exists`);
  }
}
