import type { UnbluWebhookRegistration, UnbluWebhooks, WebhookSpec } from '@parley/core';
import { assertEntity, undefinedOn404 } from '../unblu-errors.js';
import { optional } from './optional.js';
import type { WireWebhookRegistration } from './wire-common.js';

/** The webhook registration endpoints, which v3 and v4 offer with the same bodies (ids travel differently). */
export interface WebhookRegistrationsApi {
  create(registration: WireWebhookRegistration): Promise<WireWebhookRegistration>;
  update(registration: WireWebhookRegistration): Promise<WireWebhookRegistration>;
  read(registrationId: string): Promise<WireWebhookRegistration>;
  getByName(name: string): Promise<WireWebhookRegistration>;
  delete(registrationId: string): Promise<void>;
  sendPing(registrationId: string): Promise<void>;
}

/** Core's {@link UnbluWebhooks} over either version's registration endpoints. */
export class UnbluWebhooksImpl implements UnbluWebhooks {
  constructor(
    private readonly api: WebhookRegistrationsApi,
    private readonly apiVersion: 'V3' | 'V4',
  ) {}

  async create(spec: WebhookSpec): Promise<UnbluWebhookRegistration> {
    return fromWire(await this.api.create(this.toWire(spec)), 'webhookregistrations/create');
  }

  /** Writes the whole registration; `version` must be Unblu's newest (else `unblu.409`). */
  async update(registration: UnbluWebhookRegistration): Promise<UnbluWebhookRegistration> {
    const wire = { ...this.toWire(registration), id: registration.id, version: registration.version };
    return fromWire(await this.api.update(wire), 'webhookregistrations/update');
  }

  async read(id: string): Promise<UnbluWebhookRegistration | undefined> {
    const wire = await undefinedOn404(this.api.read(id));
    return wire === undefined ? undefined : fromWire(wire, 'webhookregistrations/read');
  }

  async findByName(name: string): Promise<UnbluWebhookRegistration | undefined> {
    const wire = await undefinedOn404(this.api.getByName(name));
    // Some Unblu versions answer an empty body rather than 404 for an unknown name.
    return wire === undefined || wire === null ? undefined : fromWire(wire, 'webhookregistrations/getByName');
  }

  async delete(id: string): Promise<void> {
    await this.api.delete(id);
  }

  /** Makes Unblu send a `ping` event to the registration's endpoint. */
  async ping(id: string): Promise<void> {
    await this.api.sendPing(id);
  }

  private toWire(spec: WebhookSpec): WireWebhookRegistration {
    return {
      $_type: 'WebhookRegistration',
      name: spec.name,
      ...optional('description', spec.description),
      status: spec.status ?? 'ACTIVE',
      endpoint: spec.endpoint,
      apiVersion: this.apiVersion,
      ...optional('secret', spec.secret),
      events: [...spec.events],
    };
  }
}

function fromWire(wire: WireWebhookRegistration, operation: string): UnbluWebhookRegistration {
  assertEntity(wire, operation, 'registration');
  return {
    id: wire.id,
    version: wire.version ?? 0,
    name: wire.name,
    ...optional('description', wire.description),
    endpoint: wire.endpoint,
    ...optional('secret', wire.secret),
    status: wire.status ?? 'ACTIVE',
    events: wire.events ?? [],
  };
}
