import { SerialQueue } from '../serial-queue.js';
import { badRequest } from '../unblu-error.js';
import type { ConversationRecord, MessageRecord } from './entities.js';
import type { ConversationService } from './conversation-service.js';
import type { MessageContent, MessageRecorder } from './message-recorder.js';
import { type AgentIdentity, type PersonService } from './person-service.js';
import type { ChannelPort } from './ports.js';
import type { SimulatorState } from './simulator-state.js';

export interface AgentMessageOptions {
  /** Visible to agents only; never sent to the channel. */
  internal?: boolean;
  /** Another agent than the default one. */
  agent?: AgentIdentity;
}

export interface AgentFile {
  fileName: string;
  mimeType: string;
  data: Buffer;
  caption?: string;
}

/**
 * What Unblu does when an agent acts: record the message, hand it to the channel endpoint in the
 * background (in order per conversation), and report reads of messenger messages when the
 * channel handles message states itself.
 */
export class AgentDesk {
  private readonly queue = new SerialQueue();

  constructor(
    private readonly state: SimulatorState,
    private readonly persons: PersonService,
    private readonly conversations: ConversationService,
    private readonly recorder: MessageRecorder,
    private readonly endpoint: ChannelPort,
  ) {}

  sendText(conversationId: string, text: string, options: AgentMessageOptions = {}): MessageRecord {
    if (!text) throw badRequest('text: must not be empty');
    const content: MessageContent = { type: 'TEXT', text, textType: 'SIMPLE_TEXT', fallbackText: null, quickReplies: null };
    return this.post(conversationId, content, options);
  }

  sendFile(conversationId: string, file: AgentFile, options: AgentMessageOptions = {}): MessageRecord {
    if (!file.fileName) throw badRequest('fileName: must not be empty');
    const content: MessageContent = {
      type: 'FILE',
      ...file,
      caption: file.caption ?? null,
      captionType: 'SIMPLE_TEXT',
      fallbackText: null,
      quickReplies: null,
    };
    return this.post(conversationId, content, options);
  }

  /**
   * Marks messenger messages read by an agent (all unread ones when no ids are given) and returns
   * those that changed.
   */
  read(conversationId: string, messageIds?: string[]): MessageRecord[] {
    const conversation = this.state.conversation(conversationId);
    const candidates = messageIds
      ? messageIds.map((id) => this.state.message(conversationId, id))
      : this.state.messagesOf(conversationId);
    const unread = candidates.filter((m) => m.direction === 'visitor' && m.readAt === null);
    for (const message of unread) {
      this.recorder.markRead(message);
      this.reportRead(conversation, message);
    }
    return unread;
  }

  end(conversationId: string, reason = 'ENDED_BY_PARTICIPANT', comment: string | null = null, agent?: AgentIdentity): ConversationRecord {
    return this.conversations.end(conversationId, reason, comment, this.persons.agent(agent).id);
  }

  /** Resolves once every queued channel call has finished (including retries). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private post(conversationId: string, content: MessageContent, options: AgentMessageOptions): MessageRecord {
    const conversation = this.conversations.requireOpen(this.state.conversation(conversationId));
    const agent = this.persons.agent(options.agent);
    this.conversations.joinAgent(conversation, agent.id);
    const message = this.recorder.record({
      conversation,
      direction: 'agent',
      senderPersonId: agent.id,
      content,
      internal: options.internal ?? false,
    });
    if (!message.internal) this.conversations.awaitTurn(conversation, 'VISITOR');
    if (message.dispatch.status === 'pending') this.queue.run(conversation.id, () => this.deliver(message));
    return message;
  }

  private async deliver(message: MessageRecord): Promise<void> {
    const channel = message.externalMessengerChannelId ? this.state.channels.get(message.externalMessengerChannelId) : undefined;
    if (!channel || channel.webhookStatus !== 'ACTIVE') {
      const reason = channel ? `channel webhookStatus is ${channel.webhookStatus}` : 'channel was deleted';
      message.dispatch = { status: 'skipped', reason };
      return;
    }
    const outcome = await this.endpoint.deliverMessage(channel, message);
    if (!outcome.ok) {
      message.dispatch = { status: 'failed', error: outcome.error, at: this.state.now() };
      return;
    }
    message.dispatch = { status: 'succeeded', at: this.state.now() };
    message.externalMessageId = outcome.value ?? message.externalMessageId;
    // Without external state handling Unblu treats a successful hand-over as delivered and read.
    if (!channel.messageStateHandledExternally) this.recorder.markRead(message);
  }

  private reportRead(conversation: ConversationRecord, message: MessageRecord): void {
    const channel = conversation.externalMessengerChannelId
      ? this.state.channels.get(conversation.externalMessengerChannelId)
      : undefined;
    if (!channel?.messageStateHandledExternally || channel.webhookStatus !== 'ACTIVE') return;
    this.queue.run(conversation.id, async () => {
      await this.endpoint.reportMessageState(channel, message, 'READ');
    });
  }
}
