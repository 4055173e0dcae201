import { badRequest } from '../unblu-error.js';
import type { ConversationRecord, FailState, MessageRecord, ParticipantRecord } from './entities.js';
import type { ConversationService } from './conversation-service.js';
import type { MessageContent, MessageExtras, MessageRecorder } from './message-recorder.js';
import type { SimulatorState } from './simulator-state.js';

/**
 * Who acts through the channel: v4 names an external messenger contact, v3 a person id. `field`
 * is the body field that named it, so errors can point at it.
 */
export interface MessengerParty {
  by: 'contact' | 'person';
  id: string;
  field: string;
}

export interface VisitorMessageInput extends MessageExtras {
  channelId: string;
  conversationId: string;
  sender: MessengerParty;
  content: MessageContent;
}

/** Identifies an agent message the middleware reports on. */
export interface MessageRef {
  channelId: string;
  conversationId: string;
  messageId: string;
}

/** The middleware's side of a custom channel: posting visitor messages and reporting on agent ones. */
export class ExternalMessengerService {
  constructor(
    private readonly state: SimulatorState,
    private readonly conversations: ConversationService,
    private readonly recorder: MessageRecorder,
  ) {}

  /** Posts a message from the messenger user into an open conversation of this channel. */
  sendMessage(input: VisitorMessageInput): MessageRecord {
    const conversation = this.conversations.requireOpen(this.connected(input.channelId, input.conversationId));
    const sender = this.participant(conversation, input.sender);
    const { channelId: _c, conversationId: _v, sender: _s, content, ...extras } = input;
    const message = this.recorder.record({
      ...extras,
      conversation,
      direction: 'visitor',
      senderPersonId: sender.personId,
      content,
      internal: false,
    });
    this.conversations.awaitTurn(conversation, 'AGENT');
    return message;
  }

  sentSuccessfully(ref: MessageRef): void {
    const message = this.agentMessage(ref);
    message.sentAt = this.state.now();
    message.failure = null;
  }

  sendFailed(ref: MessageRef, failState: FailState, failureText: string | null): void {
    this.agentMessage(ref).failure = { failState, failureText, at: this.state.now() };
  }

  /** `recipient` null means every messenger-connected participant. */
  delivered(ref: MessageRef, recipient: MessengerParty | null): void {
    this.recorder.markDelivered(this.agentMessage(ref, recipient));
  }

  read(ref: MessageRef, recipient: MessengerParty | null): void {
    this.recorder.markRead(this.agentMessage(ref, recipient));
  }

  private agentMessage(ref: MessageRef, recipient: MessengerParty | null = null): MessageRecord {
    const conversation = this.connected(ref.channelId, ref.conversationId);
    if (recipient) this.participant(conversation, recipient);
    const message = this.state.message(conversation.id, ref.messageId);
    if (message.direction !== 'agent') {
      throw badRequest(`messageId: message '${message.id}' came from the external messenger, not from an agent`);
    }
    return message;
  }

  /** The conversation, which must exist and be connected to this channel. */
  private connected(channelId: string, conversationId: string): ConversationRecord {
    this.state.channel(channelId);
    const conversation = this.state.conversation(conversationId);
    if (conversation.externalMessengerChannelId !== channelId) {
      throw badRequest(`conversationId: conversation '${conversationId}' is not connected to channel '${channelId}'`);
    }
    return conversation;
  }

  private participant(conversation: ConversationRecord, party: MessengerParty): ParticipantRecord {
    const found = conversation.participants.find(
      (p) => p.viaMessenger && p.state !== 'ENDED' && (party.by === 'contact' ? p.contactId : p.personId) === party.id,
    );
    if (!found) {
      throw badRequest(`${party.field}: '${party.id}' is not connected to conversation '${conversation.id}' via its channel`);
    }
    return found;
  }
}
