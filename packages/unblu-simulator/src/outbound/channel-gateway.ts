import type { ApiVersion, ChannelRecord, ContactRecord, MessageRecord, MessageState } from '../domain/entities.js';
import type { CallOutcome, ChannelPort } from '../domain/ports.js';
import type { SimulatorState } from '../domain/simulator-state.js';
import { newId } from '../ids.js';
import { dialectVersionOf, type Json, type WireDialect } from '../wire/wire-dialect.js';
import type { Hookshot } from './hookshot.js';
import {
  MESSAGE_STATE_EVENT,
  MESSAGE_STATE_SERVICE,
  messageStateEvent,
  messageStateRequest,
  NEW_MESSAGE_EVENT,
  NEW_MESSAGE_SERVICE,
  newMessageEvent,
  newMessageRequest,
  PING_EVENT,
  PING_SERVICE,
  pingEvent,
  pingRequest,
} from './payloads.js';

/**
 * Calls a channel's `webhookEndpoint` the way Unblu does: a channel with webhookApiVersion V4 gets
 * outbound requests that must be answered with JSON; an older one gets webhook events in the v3
 * dialect. The timeout is the channel's `outboundTimeoutMillis`, else `defaultTimeoutMs`.
 */
export class ChannelGateway implements ChannelPort {
  constructor(
    private readonly state: SimulatorState,
    private readonly hookshot: Hookshot,
    private readonly wires: Record<ApiVersion, WireDialect>,
    private readonly defaultTimeoutMs: number,
  ) {}

  async deliverMessage(channel: ChannelRecord, message: MessageRecord): Promise<CallOutcome<string | null>> {
    const wire = this.wireOf(channel);
    if (wire.version === 'v3') {
      const body = newMessageEvent(wire, this.state.accountId, message, this.state.now());
      return withValue(await this.call(channel, 'webhook', NEW_MESSAGE_EVENT, body), null);
    }
    const body = newMessageRequest(wire, this.state.accountId, message, this.receivingContacts(message));
    const outcome = await this.call(channel, 'outbound', NEW_MESSAGE_SERVICE, body, (json) =>
      externalMessageIdOf(json) === undefined ? 'answer is not an ExternalMessengerNewMessageResponse' : null,
    );
    return outcome.ok ? { ok: true, value: externalMessageIdOf(outcome.value) ?? null } : outcome;
  }

  async reportMessageState(channel: ChannelRecord, message: MessageRecord, state: MessageState): Promise<CallOutcome<void>> {
    const outcome =
      this.wireOf(channel).version === 'v3'
        ? await this.call(channel, 'webhook', MESSAGE_STATE_EVENT, messageStateEvent(this.state.accountId, message, state, this.state.now()))
        : await this.call(channel, 'outbound', MESSAGE_STATE_SERVICE, messageStateRequest(this.state.accountId, message, state), (json) =>
            isObject(json) ? null : 'answer is not an ExternalMessengerMessageStateResponse',
          );
    return withValue(outcome, undefined);
  }

  async ping(channel: ChannelRecord): Promise<CallOutcome<string>> {
    const pingId = newId();
    if (this.wireOf(channel).version === 'v3') {
      const body = pingEvent(this.state.accountId, channelAsRegistration(channel), this.state.now());
      return withValue(await this.call(channel, 'webhook', PING_EVENT, body), pingId);
    }
    const outcome = await this.call(channel, 'outbound', PING_SERVICE, pingRequest(this.state.accountId, pingId), (json) =>
      isObject(json) && json.pingId === pingId ? null : `answer does not echo pingId '${pingId}'`,
    );
    return withValue(outcome, pingId);
  }

  private call(channel: ChannelRecord, kind: 'outbound' | 'webhook', name: string, body: Json, validate?: (json: unknown) => string | null) {
    return this.hookshot.call({
      kind,
      name,
      url: channel.webhookEndpoint,
      body,
      secret: channel.webhookSecret,
      apiVersion: this.wireOf(channel).version,
      timeoutMs: channel.outboundTimeoutMillis ?? this.defaultTimeoutMs,
      validate,
    });
  }

  private wireOf(channel: ChannelRecord): WireDialect {
    return this.wires[dialectVersionOf(channel.webhookApiVersion)];
  }

  /** Contacts still in the conversation, narrowed to `recipientPersonIds` when the message names some. */
  private receivingContacts(message: MessageRecord): ContactRecord[] {
    const conversation = this.state.conversation(message.conversationId);
    return conversation.participants
      .filter((p) => p.contactId !== null && p.state !== 'ENDED')
      .filter((p) => !message.recipientPersonIds || message.recipientPersonIds.includes(p.personId))
      .flatMap((p) => this.state.contacts.get(p.contactId ?? '') ?? []);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The answer's external message id (null if it gave none); undefined if the answer is unusable. */
function externalMessageIdOf(json: unknown): string | null | undefined {
  if (!isObject(json)) return undefined;
  const id = json.externalMessageId;
  if (id === undefined || id === null) return null;
  return typeof id === 'string' ? id : undefined;
}

function withValue<T>(outcome: CallOutcome<unknown>, value: T): CallOutcome<T> {
  return outcome.ok ? { ok: true, value } : outcome;
}

/** A channel has no registration, so its ping describes the channel endpoint in that shape. */
function channelAsRegistration(channel: ChannelRecord): Json {
  return {
    $_type: 'WebhookRegistration',
    id: channel.id,
    creationTimestamp: channel.creationTimestamp,
    modificationTimestamp: channel.modificationTimestamp,
    version: channel.version,
    accountId: channel.accountId,
    name: channel.name,
    status: channel.webhookStatus,
    description: channel.description,
    endpoint: channel.webhookEndpoint,
    apiVersion: channel.webhookApiVersion,
    secret: null,
    events: [NEW_MESSAGE_EVENT, MESSAGE_STATE_EVENT],
  };
}
