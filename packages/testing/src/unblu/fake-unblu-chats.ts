import type {
  Clock,
  ConversationEndReason,
  ConversationSpec,
  ConversationState,
  DownloadedFile,
  FailState,
  MessageRef,
  PostMessageSpec,
  PostedContent,
  UnbluApiVersion,
  UnbluConversation,
  UnbluFileRef,
  UnbluVisitor,
  VisitorSpec,
} from '@parley/core';
import { fileTooLarge, unbluRefused } from './fake-unblu-errors.js';

/** A customer as the fake Unblu knows them, with the spec of their last upsert. */
export interface FakeVisitor extends UnbluVisitor {
  spec: VisitorSpec;
}

/** A conversation with what the fake keeps beyond core's view of it. */
export interface FakeConversation extends UnbluConversation {
  visitor: UnbluVisitor;
  spec: ConversationSpec;
  endReason?: ConversationEndReason;
  endComment?: string;
}

/** A customer message Parley posted. */
export interface PostedMessage {
  messageId: string;
  channelId: string;
  conversationId: string;
  visitor: UnbluVisitor;
  /** The messenger's message id. */
  sourceId: string;
  content: PostedContent;
  replyToMessageId?: string;
  at: number;
}

export type MessageStateKind = 'sentSuccessfully' | 'sendFailed' | 'delivered' | 'read';

/** A state Parley reported for an agent message. */
export interface MessageStateReport {
  kind: MessageStateKind;
  ref: MessageRef;
  failState?: FailState;
  reason?: string;
  at: number;
}

interface StoredFile {
  ref: UnbluFileRef;
  data: Uint8Array;
}

/**
 * Visitors, conversations, messages and files as Unblu treats them: the rules live here, the
 * gateway around it adds the call log, faults and copying. Refusals are `PermanentError`s with
 * Unblu's status in the code, as `@parley/unblu` maps them.
 */
export class FakeUnbluChats {
  readonly visitors = new Map<string, FakeVisitor>();
  readonly conversations = new Map<string, FakeConversation>();
  readonly posted: PostedMessage[] = [];
  readonly states: MessageStateReport[] = [];
  private readonly files = new Map<string, StoredFile>();
  private readonly contacts = new Map<string, string>();
  private readonly seqs = new Map<string, number>();

  constructor(
    private readonly apiVersion: UnbluApiVersion,
    private readonly clock: Clock,
    private readonly requireChannel: (id: string) => unknown,
  ) {}

  /** Person identity is `personSourceId`; in v4 the contact identity is (channel, externalId). */
  upsertVisitor(spec: VisitorSpec): UnbluVisitor {
    this.requireChannel(spec.channelId);
    const personKey = spec.personSourceId;
    const personId = this.visitors.get(personKey)?.personId ?? this.newId('person');
    const visitor: UnbluVisitor = { personId };
    if (this.apiVersion === 'v4') {
      const contactKey = `${spec.channelId}\u0000${spec.externalId}`;
      visitor.contactId = this.contacts.get(contactKey) ?? this.newId('contact');
      this.contacts.set(contactKey, visitor.contactId);
    }
    this.visitors.set(personKey, { ...visitor, spec: structuredClone(spec) });
    return visitor;
  }

  createConversation(spec: ConversationSpec): UnbluConversation {
    this.requireChannel(spec.channelId);
    this.requireVisitor(spec.visitor);
    const taken = this.findActive(spec.channelId, spec.sourceId);
    if (taken) {
      throw unbluRefused(409, `sourceId: conversation '${taken.id}' with sourceId '${spec.sourceId}' is still active on this channel`);
    }
    const conversation: FakeConversation = {
      id: this.newId('conversation'),
      state: 'QUEUED',
      channelId: spec.channelId,
      sourceId: spec.sourceId,
      ...(spec.topic === undefined ? {} : { topic: spec.topic }),
      creationTimestamp: this.clock.now(),
      visitor: structuredClone(spec.visitor),
      spec: structuredClone(spec),
    };
    this.conversations.set(conversation.id, conversation);
    return toUnbluConversation(conversation);
  }

  findActive(channelId: string, sourceId: string): UnbluConversation | undefined {
    const found = [...this.conversations.values()].find(
      (c) => c.state !== 'ENDED' && c.channelId === channelId && c.sourceId === sourceId,
    );
    return found && toUnbluConversation(found);
  }

  readConversation(id: string): UnbluConversation | undefined {
    const found = this.conversations.get(id);
    return found && toUnbluConversation(found);
  }

  /** Ends an open conversation; ending it twice is a 409 as in Unblu. */
  endConversation(id: string, reason: ConversationEndReason, comment?: string): UnbluConversation {
    const conversation = this.requireOpen(id);
    conversation.state = 'ENDED';
    conversation.endTimestamp = this.clock.now();
    conversation.endReason = reason;
    if (comment !== undefined) conversation.endComment = comment;
    return toUnbluConversation(conversation);
  }

  setConversationState(id: string, state: Exclude<ConversationState, 'ENDED'>): UnbluConversation {
    const conversation = this.requireOpen(id);
    conversation.state = state;
    return toUnbluConversation(conversation);
  }

  /** Like Unblu's message log (v4): the message posted with `sourceId` at or after `since`. */
  findBySourceId(conversationId: string, sourceId: string, since: number): { messageId: string } | undefined {
    const found = this.posted.find((m) => m.conversationId === conversationId && m.sourceId === sourceId && m.at >= since);
    return found && { messageId: found.messageId };
  }

  postMessage(spec: PostMessageSpec): { messageId: string } {
    const conversation = this.requireOpen(spec.conversationId);
    if (conversation.channelId !== spec.channelId) {
      throw unbluRefused(400, `conversationId: conversation '${conversation.id}' is not connected to channel '${spec.channelId}'`);
    }
    const messageId = this.newId('message');
    this.posted.push({
      messageId,
      channelId: spec.channelId,
      conversationId: spec.conversationId,
      visitor: structuredClone(spec.visitor),
      sourceId: spec.sourceId,
      content: structuredClone(spec.content),
      ...(spec.replyToMessageId === undefined ? {} : { replyToMessageId: spec.replyToMessageId }),
      at: this.clock.now(),
    });
    return { messageId };
  }

  reportState(kind: MessageStateKind, ref: MessageRef, failure?: { failState: FailState; reason: string }): void {
    this.requireConversation(ref.conversationId);
    this.states.push({ kind, ref: structuredClone(ref), ...failure, at: this.clock.now() });
  }

  addFile(data: Uint8Array, fileName: string, mimeType: string): UnbluFileRef {
    const ref: UnbluFileRef = { url: `https://unblu.fake/files/${this.newId('file')}`, fileName, mimeType, size: data.byteLength };
    this.files.set(ref.url, { ref, data: data.slice() });
    return { ...ref };
  }

  download(file: UnbluFileRef, maxBytes: number): DownloadedFile {
    const stored = this.files.get(file.url);
    if (!stored) throw unbluRefused(404, `no file at ${file.url}`);
    if (stored.data.byteLength > maxBytes) throw fileTooLarge(stored.ref.fileName, maxBytes);
    return { fileName: stored.ref.fileName, mimeType: stored.ref.mimeType, data: stored.data.slice() };
  }

  private requireVisitor(visitor: UnbluVisitor): void {
    const known = [...this.visitors.values()].some((v) => v.personId === visitor.personId);
    if (!known) throw unbluRefused(404, `person '${visitor.personId}' does not exist`);
    if (this.apiVersion === 'v4' && visitor.contactId === undefined) {
      throw unbluRefused(400, 'externalParticipants: a v4 conversation needs the visitor\'s external messenger contact');
    }
  }

  private requireConversation(id: string): FakeConversation {
    const conversation = this.conversations.get(id);
    if (!conversation) throw unbluRefused(404, `conversation '${id}' does not exist`);
    return conversation;
  }

  private requireOpen(id: string): FakeConversation {
    const conversation = this.requireConversation(id);
    if (conversation.state === 'ENDED') throw unbluRefused(409, `conversation '${id}' has ended`);
    return conversation;
  }

  private newId(kind: string): string {
    const seq = (this.seqs.get(kind) ?? 0) + 1;
    this.seqs.set(kind, seq);
    return `${kind}-${seq}`;
  }
}

function toUnbluConversation(c: FakeConversation): UnbluConversation {
  const { visitor: _visitor, spec: _spec, endReason: _reason, endComment: _comment, ...conversation } = c;
  return structuredClone(conversation);
}
