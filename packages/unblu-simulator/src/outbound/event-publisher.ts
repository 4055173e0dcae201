import type { ApiVersion, WebhookRegistrationRecord } from '../domain/entities.js';
import type { CallOutcome, ConversationEvent, ConversationEventPort } from '../domain/ports.js';
import type { SimulatorState } from '../domain/simulator-state.js';
import { SerialQueue } from '../serial-queue.js';
import { dialectVersionOf, type WireDialect } from '../wire/wire-dialect.js';
import type { Hookshot } from './hookshot.js';
import { conversationEventBody, PING_EVENT, pingEvent } from './payloads.js';

/**
 * Sends conversation events to every ACTIVE webhook registration subscribed to them, in the
 * registration's API dialect, one at a time per registration so each sees events in order.
 */
export class EventPublisher implements ConversationEventPort {
  private readonly queue = new SerialQueue();

  constructor(
    private readonly state: SimulatorState,
    private readonly hookshot: Hookshot,
    private readonly wires: Record<ApiVersion, WireDialect>,
    private readonly timeoutMs: number,
  ) {}

  publish(event: ConversationEvent): void {
    const timestamp = this.state.now();
    for (const registration of this.state.registrations.values()) {
      if (registration.status !== 'ACTIVE' || !registration.events.includes(event.name)) continue;
      // The body is built now, so it shows the conversation as it was when the event happened.
      const wire = this.wireOf(registration);
      const body = conversationEventBody(wire, this.state, event, timestamp);
      this.queue.run(registration.id, async () => {
        await this.send(registration, event.name, body);
      });
    }
  }

  async ping(registration: WebhookRegistrationRecord): Promise<CallOutcome<void>> {
    const wire = this.wireOf(registration);
    const body = pingEvent(this.state.accountId, wire.registration(registration), this.state.now());
    const outcome = await this.send(registration, PING_EVENT, body);
    return outcome.ok ? { ok: true, value: undefined } : outcome;
  }

  /** Resolves once every queued event has been delivered or given up on. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private send(registration: WebhookRegistrationRecord, name: string, body: unknown): Promise<CallOutcome<unknown>> {
    return this.hookshot.call({
      kind: 'webhook',
      name,
      url: registration.endpoint,
      body,
      secret: registration.secret,
      apiVersion: this.wireOf(registration).version,
      timeoutMs: this.timeoutMs,
    });
  }

  private wireOf(registration: WebhookRegistrationRecord): WireDialect {
    return this.wires[dialectVersionOf(registration.apiVersion)];
  }
}
