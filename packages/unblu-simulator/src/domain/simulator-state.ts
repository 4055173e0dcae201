import { newId } from '../ids.js';
import { notFound } from '../unblu-error.js';
import type {
  ChannelRecord,
  ContactRecord,
  ConversationRecord,
  MessageRecord,
  PersonRecord,
  StoredFile,
  WebhookRegistrationRecord,
} from './entities.js';

/**
 * Everything the simulated Unblu server knows, in memory. Services mutate it synchronously, so a
 * check-then-insert (unique names, one active conversation per source id) can never race.
 */
export class SimulatorState {
  readonly accountId = newId();
  readonly channels = new Map<string, ChannelRecord>();
  readonly contacts = new Map<string, ContactRecord>();
  readonly persons = new Map<string, PersonRecord>();
  readonly conversations = new Map<string, ConversationRecord>();
  /** All messages in insertion order, which is also their order within a conversation. */
  readonly messages = new Map<string, MessageRecord>();
  readonly files = new Map<string, StoredFile>();
  readonly registrations = new Map<string, WebhookRegistrationRecord>();

  /** Unix milliseconds; one place so every timestamp has the same source. */
  now(): number {
    return Date.now();
  }

  channel(id: string): ChannelRecord {
    return found(this.channels.get(id), `external messenger channel '${id}'`);
  }

  contact(id: string): ContactRecord {
    return found(this.contacts.get(id), `external messenger contact '${id}'`);
  }

  person(id: string): PersonRecord {
    return found(this.persons.get(id), `person '${id}'`);
  }

  conversation(id: string): ConversationRecord {
    return found(this.conversations.get(id), `conversation '${id}'`);
  }

  registration(id: string): WebhookRegistrationRecord {
    return found(this.registrations.get(id), `webhook registration '${id}'`);
  }

  /** The message, which must belong to the given conversation. */
  message(conversationId: string, messageId: string): MessageRecord {
    const message = this.messages.get(messageId);
    if (!message || message.conversationId !== conversationId) {
      throw notFound(`no message '${messageId}' in conversation '${conversationId}'`);
    }
    return message;
  }

  messagesOf(conversationId: string): MessageRecord[] {
    return [...this.messages.values()].filter((m) => m.conversationId === conversationId);
  }
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw notFound(`${what} does not exist`);
  return value;
}
