import { newId } from '../ids.js';
import { badRequest, conflict, notFound } from '../unblu-error.js';
import type {
  ChannelRecord,
  ConversationRecord,
  Metadata,
  ParticipantRecord,
  ParticipationType,
  RecipientRef,
} from './entities.js';
import type { ConversationEventPort } from './ports.js';
import type { SimulatorState } from './simulator-state.js';

/** A participant named by person id (v4 `participants`, v3 `participants`). */
export interface NewParticipant {
  personId: string;
  /** Null: derived from the person type (first visitor = context person, first agent = assignee). */
  participationType: ParticipationType | null;
  viaMessenger: boolean;
  hidden: boolean;
  conversationStarred: boolean;
}

/** A v4 external participant, named by external messenger contact. */
export interface NewExternalParticipant {
  contactId: string;
  participationType: 'CONTEXT_PERSON' | 'SECONDARY_VISITOR' | null;
}

export interface NewConversation {
  externalMessengerChannelId: string | null;
  sourceId: string | null;
  sourceUrl: string | null;
  topic: string | null;
  locale: string | null;
  visitorData: string | null;
  initialEngagementType: string | null;
  initialEngagementUrl: string | null;
  conversationVisibility: string | null;
  recipient: { type: RecipientRef['type']; id: string | null } | null;
  metadata: Metadata | null;
  participants: NewParticipant[];
  externalParticipants: NewExternalParticipant[];
}

/** A participant before default roles are assigned. */
type DraftParticipant = Omit<ParticipantRecord, 'participationType'> & { participationType: ParticipationType | null };

const OPEN_STATES_NEEDING_AGENT = new Set(['CREATED', 'ONBOARDING', 'QUEUED', 'UNASSIGNED']);

/** Conversations: creation rules, lookup by source id, ending, and agents joining. */
export class ConversationService {
  constructor(
    private readonly state: SimulatorState,
    private readonly events: ConversationEventPort,
  ) {}

  create(input: NewConversation): ConversationRecord {
    const channel = input.externalMessengerChannelId ? this.state.channel(input.externalMessengerChannelId) : null;
    if (input.sourceId !== null) this.requireFreeSource(input.externalMessengerChannelId, input.sourceId);
    const drafts = [
      ...input.participants.map((p, i) => this.participant(p, i, channel)),
      ...input.externalParticipants.map((p, i) => this.externalParticipant(p, i, channel)),
    ];
    if (drafts.length === 0) throw badRequest('participants: a conversation needs at least one participant');
    const participants = this.withDefaultRoles(drafts);
    const conversation = this.record(input, participants);
    this.state.conversations.set(conversation.id, conversation);
    this.events.publish({ name: 'conversation.created', conversation });
    return conversation;
  }

  read(id: string): ConversationRecord {
    return this.state.conversation(id);
  }

  /** The one conversation that is not ended for this source id and channel (null = no channel). */
  bySource(sourceId: string, channelId: string | null): ConversationRecord {
    const found = this.findOpen((c) => c.sourceId === sourceId && c.externalMessengerChannelId === channelId);
    if (!found) throw notFound(`no active conversation with sourceId '${sourceId}' on channel '${channelId ?? '(none)'}'`);
    return found;
  }

  /** Ends an open conversation; ending it twice is a conflict. */
  end(id: string, reason: string, endComment: string | null, endPersonId: string | null): ConversationRecord {
    const conversation = this.requireOpen(this.state.conversation(id));
    const now = this.state.now();
    conversation.state = 'ENDED';
    conversation.endTimestamp = now;
    conversation.endReason = reason;
    conversation.awaitedPersonType = 'NONE';
    conversation.awaitedPersonTypeChangeTimestamp = now;
    for (const p of conversation.participants) p.state = 'ENDED';
    this.events.publish({ name: 'conversation.ended', conversation, endPersonId, endComment });
    return conversation;
  }

  endAll(predicate: (c: ConversationRecord) => boolean, reason: string): void {
    for (const c of [...this.state.conversations.values()]) {
      if (c.state !== 'ENDED' && predicate(c)) this.end(c.id, reason, null, null);
    }
  }

  /** Ends a contact's participations; a conversation losing its context person ends too. */
  endContactParticipations(contactId: string): void {
    for (const c of this.state.conversations.values()) {
      const p = c.participants.find((x) => x.contactId === contactId && x.state !== 'ENDED');
      if (!p || c.state === 'ENDED') continue;
      p.state = 'ENDED';
      if (p.participationType === 'CONTEXT_PERSON') this.end(c.id, 'MANDATORY_PARTICIPANT_GONE', null, null);
    }
  }

  /** 409 if the conversation has ended; returns it otherwise. */
  requireOpen(conversation: ConversationRecord): ConversationRecord {
    if (conversation.state === 'ENDED') throw conflict(`conversation '${conversation.id}' has ended`);
    return conversation;
  }

  /** Adds the agent on first contact (assignee if there is none) and activates a waiting conversation. */
  joinAgent(conversation: ConversationRecord, personId: string): void {
    if (!conversation.participants.some((p) => p.personId === personId)) {
      const hasAssignee = conversation.participants.some((p) => p.participationType === 'ASSIGNED_AGENT');
      conversation.participants.push({
        personId,
        contactId: null,
        viaMessenger: false,
        participationType: hasAssignee ? 'SECONDARY_AGENT' : 'ASSIGNED_AGENT',
        state: 'ACTIVE',
        hidden: false,
        conversationStarred: false,
      });
    }
    if (OPEN_STATES_NEEDING_AGENT.has(conversation.state)) conversation.state = 'ACTIVE';
  }

  /** Records whose turn it is, as Unblu's `awaitedPersonType` does. */
  awaitTurn(conversation: ConversationRecord, awaited: 'VISITOR' | 'AGENT'): void {
    if (conversation.awaitedPersonType === awaited) return;
    conversation.awaitedPersonType = awaited;
    conversation.awaitedPersonTypeChangeTimestamp = this.state.now();
  }

  private findOpen(predicate: (c: ConversationRecord) => boolean): ConversationRecord | undefined {
    return [...this.state.conversations.values()].find((c) => c.state !== 'ENDED' && predicate(c));
  }

  private requireFreeSource(channelId: string | null, sourceId: string): void {
    const taken = this.findOpen((c) => c.sourceId === sourceId && c.externalMessengerChannelId === channelId);
    if (taken) {
      throw conflict(`sourceId: conversation '${taken.id}' with sourceId '${sourceId}' is still active on this channel`);
    }
  }

  private participant(p: NewParticipant, index: number, channel: ChannelRecord | null): DraftParticipant {
    if (!this.state.persons.has(p.personId)) throw notFound(`participants[${index}].personId: person '${p.personId}' does not exist`);
    if (p.viaMessenger && !channel) {
      throw badRequest(`participants[${index}].connectedViaExternalMessenger: requires externalMessengerChannelId`);
    }
    return { ...p, contactId: null, state: 'ACTIVE' };
  }

  private externalParticipant(p: NewExternalParticipant, index: number, channel: ChannelRecord | null): DraftParticipant {
    const field = `externalParticipants[${index}].externalMessengerContactId`;
    if (!channel) throw badRequest(`externalParticipants: only allowed when externalMessengerChannelId is set`);
    const contact = this.state.contacts.get(p.contactId);
    if (!contact) throw notFound(`${field}: contact '${p.contactId}' does not exist`);
    if (contact.externalMessengerChannelId !== channel.id) throw badRequest(`${field}: contact belongs to another channel`);
    if (!channel.supportsMultipleConversationsPerContact) {
      const busy = this.findOpen((c) => c.participants.some((x) => x.contactId === contact.id && x.state !== 'ENDED'));
      if (busy) throw conflict(`${field}: contact is already in active conversation '${busy.id}' and the channel allows only one`);
    }
    return {
      personId: contact.personId,
      contactId: contact.id,
      viaMessenger: true,
      participationType: p.participationType,
      state: 'ACTIVE',
      hidden: false,
      conversationStarred: false,
    };
  }

  /** Fills missing participation types: first visitor is the context person, first agent the assignee. */
  private withDefaultRoles(drafts: DraftParticipant[]): ParticipantRecord[] {
    const done: ParticipantRecord[] = [];
    const taken = (type: ParticipationType) => drafts.some((x) => x.participationType === type) || done.some((x) => x.participationType === type);
    for (const p of drafts) {
      if (p.participationType) {
        done.push({ ...p, participationType: p.participationType });
        continue;
      }
      const isAgent = this.state.person(p.personId).personType === 'AGENT';
      const [primary, secondary]: ParticipationType[] = isAgent
        ? ['ASSIGNED_AGENT', 'SECONDARY_AGENT']
        : ['CONTEXT_PERSON', 'SECONDARY_VISITOR'];
      done.push({ ...p, participationType: taken(primary) ? secondary : primary });
    }
    return done;
  }

  private record(input: NewConversation, participants: ParticipantRecord[]): ConversationRecord {
    const now = this.state.now();
    const assigned = participants.some((p) => p.participationType === 'ASSIGNED_AGENT');
    return {
      id: newId(),
      accountId: this.state.accountId,
      creationTimestamp: now,
      endTimestamp: null,
      topic: input.topic,
      recipient: this.recipient(input.recipient),
      participants,
      state: assigned ? 'ACTIVE' : 'QUEUED',
      initialEngagementType: input.initialEngagementType ?? 'CHAT_REQUEST',
      conversationVisibility: input.conversationVisibility ?? 'PRIVATE',
      locale: input.locale ?? 'en',
      visitorData: input.visitorData,
      externalMessengerChannelId: input.externalMessengerChannelId,
      sourceId: input.sourceId,
      sourceUrl: input.sourceUrl,
      initialEngagementUrl: input.initialEngagementUrl,
      endReason: null,
      awaitedPersonType: assigned ? 'NONE' : 'AGENT',
      awaitedPersonTypeChangeTimestamp: now,
      metadata: input.metadata ?? {},
    };
  }

  private recipient(given: NewConversation['recipient']): RecipientRef {
    if (!given || given.type === 'ACCOUNT') return { type: 'ACCOUNT', id: this.state.accountId };
    if (!given.id) throw badRequest(`recipient.id: required for recipient type ${given.type}`);
    if (given.type === 'AGENT' && this.state.persons.get(given.id)?.personType !== 'AGENT') {
      throw badRequest(`recipient.id: '${given.id}' is not an agent`);
    }
    return { type: given.type, id: given.id };
  }
}
