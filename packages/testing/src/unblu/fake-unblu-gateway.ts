import {
  systemClock,
  type ChannelSpec,
  type Clock,
  type ConversationEndReason,
  type ConversationState,
  type UnbluApiVersion,
  type UnbluChannel,
  type UnbluChannels,
  type UnbluConversation,
  type UnbluConversations,
  type UnbluFileRef,
  type UnbluGateway,
  type UnbluMessages,
  type UnbluVisitors,
  type UnbluWebhookRegistration,
  type UnbluWebhooks,
  type WebhookSpec,
} from '@parley/core';
import {
  FakeUnbluChats,
  type FakeConversation,
  type FakeVisitor,
  type MessageStateKind,
  type MessageStateReport,
  type PostedMessage,
} from './fake-unblu-chats.js';
import { UnbluFaults, type FaultSpec, type GatewayMethod } from './unblu-faults.js';
import { VersionedRegistry } from './versioned-registry.js';

export interface FakeUnbluGatewayOptions {
  /** Default `v4`: visitors get an external messenger contact id; `v3` has none. */
  apiVersion?: UnbluApiVersion;
  /** Timestamps and latency; default the system clock. With a `FakeClock`, latency needs `advance`. */
  clock?: Clock;
  /** Latency of every call, in ms (default 0: calls still answer asynchronously). */
  latencyMs?: number;
}

/** One call Parley made, as the call log keeps it. `args` are copies taken when the call started. */
export interface GatewayCall {
  method: GatewayMethod;
  args: unknown[];
  outcome: 'pending' | 'ok' | 'failed';
  error?: unknown;
}

/**
 * An in-memory Unblu behind core's {@link UnbluGateway}, with Unblu's rules: unique names and
 * optimistic versions on channels and webhooks (409), idempotent visitor upserts, one active
 * conversation per (channel, sourceId) (409), no posting to an ended conversation (409), bounded
 * downloads. Every call answers asynchronously, so concurrent callers interleave as they would over
 * HTTP: two `findActive` → `create` sequences for one chat really race, and the loser gets the 409.
 *
 * Test side: a call log, what was posted and reported, agent actions (`endConversation`), and
 * fault injection (`failNext`, `outage`, `setLatency`). Agent actions bypass the log and faults:
 * they are Unblu's doing, not Parley's calls.
 */
export class FakeUnbluGateway implements UnbluGateway {
  readonly apiVersion: UnbluApiVersion;
  readonly channels: UnbluChannels;
  readonly webhooks: UnbluWebhooks;
  readonly visitors: UnbluVisitors;
  readonly conversations: UnbluConversations;
  readonly messages: UnbluMessages;

  private readonly clock: Clock;
  private readonly log: GatewayCall[] = [];
  private readonly faults = new UnbluFaults();
  private readonly channelRegistry = new VersionedRegistry<UnbluChannel>('channel');
  private readonly webhookRegistry = new VersionedRegistry<UnbluWebhookRegistration>('webhook');
  private readonly chats: FakeUnbluChats;
  private pings = 0;

  constructor(options: FakeUnbluGatewayOptions = {}) {
    this.apiVersion = options.apiVersion ?? 'v4';
    this.clock = options.clock ?? systemClock;
    if (options.latencyMs !== undefined) this.faults.setLatency(options.latencyMs);
    this.chats = new FakeUnbluChats(this.apiVersion, this.clock, (id) => this.channelRegistry.require(id));
    this.channels = this.channelsApi();
    this.webhooks = this.webhooksApi();
    this.visitors = { upsert: (spec) => this.call('visitors.upsert', [spec], () => this.chats.upsertVisitor(spec)) };
    this.conversations = this.conversationsApi();
    this.messages = this.messagesApi();
  }

  ping(): Promise<void> {
    return this.call('ping', [], () => undefined);
  }

  // --- Test side: what happened -------------------------------------------------------------

  /** Calls Parley made, oldest first; only those of `method` when given. */
  calls(method?: GatewayMethod): readonly GatewayCall[] {
    return method === undefined ? [...this.log] : this.log.filter((c) => c.method === method);
  }

  /** Customer messages posted, in order; only those of one conversation when given. */
  posted(conversationId?: string): PostedMessage[] {
    const all = structuredClone(this.chats.posted);
    return conversationId === undefined ? all : all.filter((m) => m.conversationId === conversationId);
  }

  /** The texts of posted text messages, in order (a shortcut for the common assertion). */
  postedTexts(conversationId?: string): string[] {
    return this.posted(conversationId).flatMap((m) => (m.content.kind === 'text' ? [m.content.text] : []));
  }

  /** Message states Parley reported for agent messages, in order; only one kind when given. */
  states(kind?: MessageStateKind): MessageStateReport[] {
    const all = structuredClone(this.chats.states);
    return kind === undefined ? all : all.filter((s) => s.kind === kind);
  }

  /** Every conversation, ended ones included, in creation order. */
  conversationList(): FakeConversation[] {
    return structuredClone([...this.chats.conversations.values()]);
  }

  /** Every visitor (one per person source id), with the spec of their last upsert. */
  visitorList(): FakeVisitor[] {
    return structuredClone([...this.chats.visitors.values()]);
  }

  // --- Test side: what Unblu and its agents do -----------------------------------------------

  /** An agent (or Unblu) ends the conversation. A 409 `PermanentError` when it has ended already. */
  endConversation(id: string, reason: ConversationEndReason = 'ENDED_BY_PARTICIPANT', comment?: string): UnbluConversation {
    return this.chats.endConversation(id, reason, comment);
  }

  /** Moves an open conversation on, e.g. to `ACTIVE` when an agent accepts it. */
  setConversationState(id: string, state: Exclude<ConversationState, 'ENDED'>): UnbluConversation {
    return this.chats.setConversationState(id, state);
  }

  /** Changes a channel as an admin or Unblu would (drift for `setup` to repair); bumps its version. */
  changeChannel(id: string, changes: Partial<Omit<UnbluChannel, 'id' | 'version'>>): UnbluChannel {
    const current = this.channelRegistry.require(id);
    return this.channelRegistry.update({ ...current, ...changes });
  }

  /** Makes a file downloadable through `messages.download` and returns its reference. */
  addFile(data: Uint8Array, fileName: string, mimeType: string): UnbluFileRef {
    return this.chats.addFile(data, fileName, mimeType);
  }

  // --- Test side: faults ---------------------------------------------------------------------

  /**
   * The next `count` calls (of `fault.methods`, when given) fail: with `fault` when it is an Error,
   * else as the spec says (default a `TransientError` code `unblu.503`, before any effect).
   */
  failNext(count = 1, fault: Error | FaultSpec = {}): void {
    this.faults.failNext(count, fault instanceof Error ? { error: fault } : fault);
  }

  /** Every call (of `fault.methods`, when given) fails until {@link recover}; default a 503. */
  outage(fault: Error | FaultSpec = {}): void {
    this.faults.outage(fault instanceof Error ? { error: fault } : fault);
  }

  /** Ends an outage; failures queued with {@link failNext} stay queued. */
  recover(): void {
    this.faults.recover();
  }

  /** Drops queued failures and ends an outage. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** Latency in ms for `methods` (default every method), waited on the gateway's clock. */
  setLatency(ms: number, methods?: readonly GatewayMethod[]): void {
    this.faults.setLatency(ms, methods);
  }

  // --- The port ------------------------------------------------------------------------------

  private channelsApi(): UnbluChannels {
    const reg = this.channelRegistry;
    return {
      create: (spec) => this.call('channels.create', [spec], () => reg.create(this.channelFromSpec(spec))),
      update: (channel) => this.call('channels.update', [channel], () => reg.update(channel, ['secret', 'metadata'])),
      read: (id) => this.call('channels.read', [id], () => reg.read(id)),
      findByName: (name) => this.call('channels.findByName', [name], () => reg.findByName(name)),
      list: () => this.call('channels.list', [], () => reg.list()),
      delete: (id) => this.call('channels.delete', [id], () => reg.delete(id)),
      ping: (id) => this.call('channels.ping', [id], () => this.pingChannel(id)),
    };
  }

  private webhooksApi(): UnbluWebhooks {
    const reg = this.webhookRegistry;
    return {
      create: (spec) => this.call('webhooks.create', [spec], () => reg.create(webhookFromSpec(spec))),
      update: (registration) => this.call('webhooks.update', [registration], () => reg.update(registration, ['secret'])),
      read: (id) => this.call('webhooks.read', [id], () => reg.read(id)),
      findByName: (name) => this.call('webhooks.findByName', [name], () => reg.findByName(name)),
      delete: (id) => this.call('webhooks.delete', [id], () => reg.delete(id)),
      ping: (id) => this.call('webhooks.ping', [id], () => void reg.require(id)),
    };
  }

  private conversationsApi(): UnbluConversations {
    const chats = this.chats;
    return {
      create: (spec) => this.call('conversations.create', [spec], () => chats.createConversation(spec)),
      findActive: (channelId, sourceId) =>
        this.call('conversations.findActive', [channelId, sourceId], () => chats.findActive(channelId, sourceId)),
      read: (id) => this.call('conversations.read', [id], () => chats.readConversation(id)),
      end: (id, reason, comment) => this.call('conversations.end', [id, reason, comment], () => chats.endConversation(id, reason, comment)),
    };
  }

  private messagesApi(): UnbluMessages {
    const chats = this.chats;
    return {
      send: (spec) => this.call('messages.send', [spec], () => chats.postMessage(spec)),
      sentSuccessfully: (ref) => this.call('messages.sentSuccessfully', [ref], () => chats.reportState('sentSuccessfully', ref)),
      sendFailed: (ref, failState, reason) =>
        this.call('messages.sendFailed', [ref, failState, reason], () => chats.reportState('sendFailed', ref, { failState, reason })),
      delivered: (ref) => this.call('messages.delivered', [ref], () => chats.reportState('delivered', ref)),
      read: (ref) => this.call('messages.read', [ref], () => chats.reportState('read', ref)),
      download: (file, maxBytes) => this.call('messages.download', [file, maxBytes], () => chats.download(file, maxBytes)),
      // Unblu 7 (v3) has no message log to look in.
      ...(this.apiVersion === 'v4' && {
        findBySourceId: (conversationId: string, sourceId: string, since: number) =>
          this.call('messages.findBySourceId', [conversationId, sourceId, since], () => chats.findBySourceId(conversationId, sourceId, since)),
      }),
    };
  }

  /**
   * Runs one call: logs it, waits its latency (at least one microtask, so callers interleave),
   * applies the effect and answers, unless a fault says otherwise. The fault is chosen when the
   * call starts, so "the next n calls" means the next n calls made, not the next n to finish.
   */
  private async call<T>(method: GatewayMethod, args: unknown[], effect: () => T): Promise<T> {
    const entry: GatewayCall = { method, args: structuredClone(args), outcome: 'pending' };
    this.log.push(entry);
    const fault = this.faults.take(method);
    try {
      const latency = this.faults.latencyOf(method);
      await (latency > 0 ? this.clock.sleep(latency) : Promise.resolve());
      if (fault && !fault.afterEffect) throw fault.error;
      const result = effect();
      if (fault) throw fault.error;
      entry.outcome = 'ok';
      return result;
    } catch (error) {
      entry.outcome = 'failed';
      entry.error = error;
      throw error;
    }
  }

  private channelFromSpec(spec: ChannelSpec): Omit<UnbluChannel, 'id' | 'version'> {
    return withoutUndefined({
      name: spec.name,
      description: spec.description,
      sourceId: spec.sourceId,
      endpoint: spec.endpoint,
      secret: spec.secret,
      status: spec.status ?? 'ACTIVE',
      webhookApiVersion: this.apiVersion === 'v4' ? 'V4' : 'V3',
      messageStateHandledExternally: spec.messageStateHandledExternally ?? false,
      outboundTimeoutMillis: this.apiVersion === 'v4' ? spec.outboundTimeoutMillis : undefined,
      metadata: spec.metadata,
    });
  }

  private pingChannel(id: string): string {
    this.channelRegistry.require(id);
    this.pings += 1;
    return this.apiVersion === 'v4' ? `ping-${this.pings}` : '';
  }
}

function webhookFromSpec(spec: WebhookSpec): Omit<UnbluWebhookRegistration, 'id' | 'version'> {
  return withoutUndefined({ ...spec, status: spec.status ?? 'ACTIVE', events: [...spec.events] });
}

/** Leaves absent fields absent (as a JSON answer would), so `toEqual` in tests compares cleanly. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
