import { PermanentError, isRetryable } from '../errors/parley-error.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ClaimedJob, ConversationLink, NewJob, ParleyStore } from '../ports/parley-store.js';
import type {
  AgentMessageEvent,
  ConversationEvent,
  MessageStateEvent,
  PingEvent,
  UnbluEventListener,
} from '../ports/unblu-events.js';
import type { UnbluGateway } from '../ports/unblu-gateway.js';
import type { MessageRef } from '../ports/unblu-model.js';
import type { EngineObserver } from './engine-observer.js';
import type { JobHandler } from './job-handler.js';
import { JOB_KINDS, type AgentMessageJob, type NoticeJob, type ReadMarkJob } from './job-payloads.js';
import { describeError } from './job-queue.js';
import type { MessengerBinding } from './messenger-binding.js';
import type { MessengerRegistry } from './messenger-registry.js';
import { composeOutbound } from './outbound-composer.js';
import { dedupeKeys, orderKeys } from './order-keys.js';

export interface OutboundRouterDeps {
  store: ParleyStore;
  gateway: UnbluGateway;
  messengers: MessengerRegistry;
  clock: Clock;
  logger: Logger;
  observer: EngineObserver;
  newId: () => string;
  enqueue: (job: NewJob) => Promise<{ enqueued: boolean; jobId: string }>;
  onPing?: (event: PingEvent) => void;
}

/**
 * Agent → customer. Unblu's calls are answered as soon as the work is committed as a job (the
 * answer carries Parley's stable message id, the same on every redelivery); the job, in order per
 * conversation, sends through the adapter and reports `messageSentSuccessfully`, or
 * `messageSendFailed` — TERMINAL when the messenger refused, RETRYABLE when retries ran out.
 */
export class OutboundRouter implements UnbluEventListener {
  constructor(private readonly deps: OutboundRouterDeps) {}

  handlers(): [string, JobHandler][] {
    return [
      [JOB_KINDS.agentMessage, { run: (job, signal) => this.sendAgentMessage(job, signal), onGiveUp: (job, error) => this.reportGaveUp(job, error) }],
      [JOB_KINDS.notice, { run: (job, signal) => this.sendNotice(job, signal) }],
      [JOB_KINDS.readMark, { run: (job) => this.markRead(job) }],
    ];
  }

  async onAgentMessage(event: AgentMessageEvent): Promise<{ externalMessageId: string }> {
    const binding = this.bindingOfChannel(event.channelId);
    if (event.internal) {
      // Agents-only: never leaves Unblu. The id only has to be stable.
      this.deps.observer.outboundAccepted?.({ messengerId: binding.messengerId, duplicate: false, internal: true });
      return { externalMessageId: `internal:${event.messageId}` };
    }
    const payload: AgentMessageJob = { messengerId: binding.messengerId, event };
    const { enqueued, jobId } = await this.deps.enqueue({
      id: this.deps.newId(),
      kind: JOB_KINDS.agentMessage,
      orderKey: orderKeys.outbound(event.conversationId),
      payload,
      dedupeKey: dedupeKeys.agentMessage(event.messageId),
    });
    this.deps.observer.outboundAccepted?.({ messengerId: binding.messengerId, duplicate: !enqueued, internal: false });
    this.deps.logger.debug({ messengerId: binding.messengerId, conversationId: event.conversationId, unbluMessageId: event.messageId, parleyMessageId: jobId, duplicate: !enqueued }, 'agent message accepted');
    return { externalMessageId: jobId };
  }

  async onMessageState(event: MessageStateEvent): Promise<void> {
    if (event.state !== 'READ') return;
    const link = await this.deps.store.links.findByConversation(event.conversationId);
    const binding = event.channelId ? this.deps.messengers.byChannel(event.channelId) : undefined;
    const messengerId = link?.messengerId ?? binding?.messengerId;
    if (messengerId === undefined) return;
    if (!this.deps.messengers.get(messengerId).adapter.markRead) return;
    const payload: ReadMarkJob = { messengerId, event };
    await this.deps.enqueue({
      id: this.deps.newId(),
      kind: JOB_KINDS.readMark,
      orderKey: orderKeys.outbound(event.conversationId),
      payload,
      dedupeKey: event.delivery.id ? dedupeKeys.unbluEvent(event.delivery.name, event.delivery.id) : undefined,
    });
  }

  async onConversationEvent(event: ConversationEvent): Promise<void> {
    if (event.change !== 'ended' && event.state !== 'ENDED') return;
    const { store, clock } = this.deps;
    const link = await store.links.findByConversation(event.conversationId);
    if (!link) return;
    await store.links.close(event.conversationId, clock.now());
    const closingText = this.deps.messengers.get(link.messengerId).closingText;
    if (!closingText) return;
    const payload: NoticeJob = { messengerId: link.messengerId, chatId: link.chatId, text: closingText };
    await this.deps.enqueue({
      id: this.deps.newId(),
      kind: JOB_KINDS.notice,
      orderKey: orderKeys.outbound(event.conversationId),
      payload,
      dedupeKey: `closing:${event.conversationId}`,
    });
  }

  onPing(event: PingEvent): void {
    this.deps.onPing?.(event);
  }

  private bindingOfChannel(channelId: string): MessengerBinding {
    const binding = this.deps.messengers.byChannel(channelId);
    if (!binding) throw new PermanentError(`Unblu channel ${channelId} belongs to no configured messenger`, 'engine.unknown_channel');
    return binding;
  }

  private async sendAgentMessage(job: ClaimedJob, signal: AbortSignal): Promise<void> {
    const { messengerId, event } = job.payload as AgentMessageJob;
    const binding = this.deps.messengers.get(messengerId);
    const link = await this.deps.store.links.findByConversation(event.conversationId);
    const ref = refOf(event, link);
    const chatId = link?.chatId ?? (await this.deps.gateway.conversations.read(event.conversationId))?.sourceId;
    try {
      if (chatId === undefined) throw new PermanentError('the conversation is not linked to a messenger chat', 'engine.unlinked_conversation');
      await this.deliver(job, binding, chatId, event, signal);
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      await this.report(() => this.deps.gateway.messages.sendFailed(ref, 'TERMINAL', error.message));
      return;
    }
    await this.report(() => this.deps.gateway.messages.sentSuccessfully(ref));
  }

  /** Sends the pieces not sent by an earlier attempt, then records the message as sent. */
  private async deliver(job: ClaimedJob, binding: MessengerBinding, chatId: string, event: AgentMessageEvent, signal: AbortSignal): Promise<void> {
    const { store, gateway, clock } = this.deps;
    const { messengerId } = binding;
    if ((await store.messages.byParleyId(job.id))?.externalMessageId) return;
    const pieces = await composeOutbound(job.id, chatId, event, binding, gateway);
    let first: string | undefined;
    for (const [index, piece] of pieces.entries()) {
      const earlier = index === 0 ? undefined : await store.messages.byParleyId(piece.parleyMessageId);
      if (earlier?.externalMessageId) continue;
      const { externalMessageId } = await binding.adapter.send(piece, signal);
      const mapping = { direction: 'outbound' as const, messengerId, chatId, conversationId: event.conversationId, createdAt: clock.now() };
      if (index === 0) first = externalMessageId;
      else await store.messages.record({ ...mapping, parleyId: piece.parleyMessageId, externalMessageId });
    }
    await store.messages.record({
      parleyId: job.id,
      direction: 'outbound',
      messengerId,
      chatId,
      conversationId: event.conversationId,
      externalMessageId: first,
      unbluMessageId: event.messageId,
      createdAt: clock.now(),
    });
  }

  private async reportGaveUp(job: ClaimedJob, error: unknown): Promise<void> {
    if (job.kind !== JOB_KINDS.agentMessage) return;
    const { event } = job.payload as AgentMessageJob;
    const link = await this.deps.store.links.findByConversation(event.conversationId);
    const failState = isRetryable(error) ? 'RETRYABLE' : 'TERMINAL';
    await this.deps.gateway.messages.sendFailed(refOf(event, link), failState, `not delivered after ${job.attempts} attempts: ${describeError(error)}`);
  }

  /** A state report Unblu refuses (message gone, already failed) is logged, not retried forever. */
  private async report(call: () => Promise<void>): Promise<void> {
    try {
      await call();
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      this.deps.logger.warn({ err: error }, 'Unblu refused a message state report');
    }
  }

  private async sendNotice(job: ClaimedJob, signal: AbortSignal): Promise<void> {
    const { messengerId, chatId, text } = job.payload as NoticeJob;
    const binding = this.deps.messengers.get(messengerId);
    try {
      await binding.adapter.send({ parleyMessageId: job.id, chatId, text, sender: { kind: 'system' } }, signal);
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      this.deps.logger.info({ err: error, chatId }, 'closing text not delivered');
    }
  }

  private async markRead(job: ClaimedJob): Promise<void> {
    const { messengerId, event } = job.payload as ReadMarkJob;
    const { adapter } = this.deps.messengers.get(messengerId);
    const { messages, links } = this.deps.store;
    const mapping = event.externalMessageId ? await messages.byExternalId(messengerId, event.externalMessageId) : await messages.byUnbluId(event.messageId);
    const externalId = event.externalMessageId ?? mapping?.externalMessageId;
    const chatId = mapping?.chatId ?? (await links.findByConversation(event.conversationId))?.chatId;
    if (!adapter.markRead || externalId === undefined || chatId === undefined || mapping?.direction === 'outbound') return;
    try {
      await adapter.markRead(chatId, [externalId]);
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      this.deps.logger.info({ err: error, chatId }, 'read mark refused by the messenger');
    }
  }
}

function refOf(event: AgentMessageEvent, link: ConversationLink | undefined): MessageRef {
  return { channelId: event.channelId, conversationId: event.conversationId, messageId: event.messageId, visitor: link?.visitor };
}
