import { PermanentError } from '../errors/parley-error.js';
import type { InboundMessage, InboundReceipt } from '../messages/inbound-message.js';
import type { Clock } from '../ports/clock.js';
import type { InboundAck, InboundSink } from '../ports/inbound-sink.js';
import type { Logger } from '../ports/logger.js';
import type { ClaimedJob, ConversationLink, NewJob, ParleyStore } from '../ports/parley-store.js';
import type { UnbluGateway } from '../ports/unblu-gateway.js';
import type { PostedContent } from '../ports/unblu-model.js';
import { isConflict, type ConversationLinker } from './conversation-linker.js';
import type { EngineObserver } from './engine-observer.js';
import { checkInboundMessage, checkInboundReceipt } from './inbound-checks.js';
import type { JobHandler } from './job-handler.js';
import {
  JOB_KINDS,
  loadAttachments,
  storeAttachments,
  type InboundMessageJob,
  type InboundReceiptJob,
} from './job-payloads.js';
import { DEFAULT_EDIT_TEMPLATE, handlesStatesExternally, type MessengerBinding } from './messenger-binding.js';
import type { MessengerRegistry } from './messenger-registry.js';
import { dedupeKeys, orderKeys } from './order-keys.js';

export interface InboundRouterDeps {
  store: ParleyStore;
  gateway: UnbluGateway;
  linker: ConversationLinker;
  messengers: MessengerRegistry;
  clock: Clock;
  logger: Logger;
  observer: EngineObserver;
  newId: () => string;
  /** Commits a job and wakes the workers; rejects with a TransientError under overload. */
  enqueue: (job: NewJob) => Promise<{ enqueued: boolean; jobId: string }>;
}

/** One Unblu message made from (part of) a customer message. */
interface Part {
  parleyId: string;
  sourceId: string;
  content: PostedContent;
}

/**
 * Customer → agent. The sink stores each message as a job (deduped by the messenger's message id)
 * and resolves once it is committed; the job, run in order per chat, links the chat to a
 * conversation and posts the message. Receipts become Unblu delivered/read states.
 */
export class InboundRouter {
  constructor(private readonly deps: InboundRouterDeps) {}

  /** The sink handed to one messenger's adapter. */
  sinkFor(binding: MessengerBinding): InboundSink {
    return {
      message: (message) => this.accept(binding, message),
      receipt: (receipt) => this.acceptReceipt(binding, receipt),
    };
  }

  handlers(): [string, JobHandler][] {
    return [
      [JOB_KINDS.inboundMessage, { run: (job) => this.post(job) }],
      [JOB_KINDS.inboundReceipt, { run: (job) => this.report(job) }],
    ];
  }

  private async accept(binding: MessengerBinding, message: InboundMessage): Promise<InboundAck> {
    checkInboundMessage(message, binding);
    const payload: InboundMessageJob = {
      messengerId: binding.messengerId,
      message: { ...message, attachments: storeAttachments(message.attachments) },
    };
    const { enqueued, jobId } = await this.deps.enqueue({
      id: this.deps.newId(),
      kind: JOB_KINDS.inboundMessage,
      orderKey: orderKeys.inbound(binding.messengerId, message.chatId),
      payload,
      dedupeKey: dedupeKeys.inboundMessage(binding.messengerId, message.externalMessageId),
    });
    this.deps.observer.inboundAccepted?.({ messengerId: binding.messengerId, kind: 'message', duplicate: !enqueued });
    // The correlation from the messenger's id to Parley's (the job, later Unblu's message).
    this.deps.logger.debug({ messengerId: binding.messengerId, chatId: message.chatId, externalMessageId: message.externalMessageId, parleyMessageId: jobId, duplicate: !enqueued }, 'customer message accepted');
    return { accepted: enqueued };
  }

  private async acceptReceipt(binding: MessengerBinding, receipt: InboundReceipt): Promise<InboundAck> {
    checkInboundReceipt(receipt);
    // Unblu tracks states itself on channels that do not hand them to Parley: nothing to store.
    if (!handlesStatesExternally(binding)) return { accepted: false };
    const payload: InboundReceiptJob = { messengerId: binding.messengerId, receipt };
    await this.deps.enqueue({
      id: this.deps.newId(),
      kind: JOB_KINDS.inboundReceipt,
      orderKey: orderKeys.inbound(binding.messengerId, receipt.chatId),
      payload,
    });
    this.deps.observer.inboundAccepted?.({ messengerId: binding.messengerId, kind: 'receipt', duplicate: false });
    return { accepted: true };
  }

  private async post(job: ClaimedJob): Promise<void> {
    const { messengerId, message: stored } = job.payload as InboundMessageJob;
    const binding = this.deps.messengers.get(messengerId);
    const message: InboundMessage = { ...stored, attachments: loadAttachments(stored.attachments) };
    let link = await this.deps.linker.linkFor(binding, message.chatId, message.sender);
    const replyTo = await this.unbluIdOf(messengerId, message.replyToExternalMessageId);
    // After a crash, a lost answer or a shutdown mid-post, an earlier attempt may have posted
    // without recording it: ask Unblu before posting again.
    const mayHavePosted = job.attempts > 1 ? job.createdAt : undefined;
    for (const part of partsOf(job.id, message, binding)) {
      const known = await this.deps.store.messages.byParleyId(part.parleyId);
      if (known?.unbluMessageId) continue; // posted by an earlier attempt
      link = await this.postPart(binding, link, message, part, replyTo, mayHavePosted);
    }
  }

  /** Posts one part; when the conversation ended behind Parley's back, opens a new one and posts there. */
  private async postPart(binding: MessengerBinding, link: ConversationLink, message: InboundMessage, part: Part, replyTo?: string, mayHavePostedSince?: number): Promise<ConversationLink> {
    const { gateway, store, clock } = this.deps;
    const earlier = mayHavePostedSince === undefined ? undefined : await gateway.messages.findBySourceId?.(link.conversationId, part.sourceId, mayHavePostedSince);
    const send = async (target: ConversationLink) =>
      earlier ??
      gateway.messages.send({
        channelId: target.channelId,
        conversationId: target.conversationId,
        visitor: target.visitor,
        sourceId: part.sourceId,
        content: part.content,
        replyToMessageId: replyTo,
      });
    let target = link;
    let sent: { messageId: string };
    try {
      sent = await send(target);
    } catch (error) {
      if (!(await this.conversationGone(error, target))) throw error;
      target = await this.deps.linker.replace(binding, target, message.sender);
      sent = await send(target);
    }
    await store.messages.record({
      parleyId: part.parleyId,
      direction: 'inbound',
      messengerId: binding.messengerId,
      chatId: message.chatId,
      conversationId: target.conversationId,
      externalMessageId: part.sourceId,
      unbluMessageId: sent.messageId,
      createdAt: clock.now(),
    });
    return target;
  }

  private async conversationGone(error: unknown, link: ConversationLink): Promise<boolean> {
    const refused = isConflict(error) || (error instanceof PermanentError && error.code === 'unblu.404');
    if (!refused) return false;
    const conversation = await this.deps.gateway.conversations.read(link.conversationId);
    return conversation === undefined || conversation.state === 'ENDED';
  }

  private async unbluIdOf(messengerId: string, externalMessageId?: string): Promise<string | undefined> {
    if (externalMessageId === undefined) return undefined;
    return (await this.deps.store.messages.byExternalId(messengerId, externalMessageId))?.unbluMessageId;
  }

  private async report(job: ClaimedJob): Promise<void> {
    const { messengerId, receipt } = job.payload as InboundReceiptJob;
    const binding = this.deps.messengers.get(messengerId);
    const { store, gateway, logger } = this.deps;
    for (const externalId of receipt.externalMessageIds) {
      const mapping = await store.messages.byExternalId(messengerId, externalId);
      if (mapping?.direction !== 'outbound' || !mapping.unbluMessageId || !mapping.conversationId) continue;
      const link = await store.links.findByConversation(mapping.conversationId);
      const ref = { channelId: binding.channelId, conversationId: mapping.conversationId, messageId: mapping.unbluMessageId, visitor: link?.visitor };
      try {
        await (receipt.kind === 'read' ? gateway.messages.read(ref) : gateway.messages.delivered(ref));
      } catch (error) {
        if (!(error instanceof PermanentError)) throw error;
        // Unblu refused this one (message gone, state already further): the others still count.
        logger.info({ err: error, messageId: mapping.unbluMessageId }, 'Unblu refused a message state; skipped');
      }
    }
  }
}

/** Splits a customer message into Unblu messages: a file with its text as caption, or text then files. */
function partsOf(jobId: string, message: InboundMessage, binding: MessengerBinding): Part[] {
  const text = textOf(message, binding);
  const files = message.attachments.map((file) => ({ kind: 'file' as const, fileName: file.fileName, mimeType: file.mimeType, data: file.data, caption: file.caption }));
  const contents: PostedContent[] = [];
  if (files.length === 1 && text !== undefined && files[0]) {
    contents.push({ ...files[0], caption: files[0].caption ?? text });
  } else {
    if (text !== undefined) contents.push({ kind: 'text', text });
    contents.push(...files);
  }
  return contents.map((content, index) => ({
    parleyId: index === 0 ? jobId : `${jobId}#${index}`,
    sourceId: index === 0 ? message.externalMessageId : `${message.externalMessageId}#${index}`,
    content,
  }));
}

function textOf(message: InboundMessage, binding: MessengerBinding): string | undefined {
  const text = message.text === undefined || message.text === '' ? undefined : message.text;
  if (text === undefined || message.editOfExternalMessageId === undefined) return text;
  return (binding.editTemplate ?? DEFAULT_EDIT_TEMPLATE).replace('{text}', () => text);
}
