import type { ApiVersion } from './domain/entities.js';
import type { SimulatorServices } from './domain/simulator-services.js';
import type { DeliveryLog } from './outbound/delivery-log.js';
import type { EventPublisher } from './outbound/event-publisher.js';
import type { Credentials } from './rest/auth.js';
import type { FaultInjector } from './rest/faults.js';
import { channelView, conversationView, messageView } from './simulator-views.js';
import type { UnbluSimulator } from './unblu-simulator.js';
import { waitFor } from './wait-for.js';
import type { WireLinks } from './wire/wire-dialect.js';

const DEFAULT_WAIT_MS = 5000;

/** What the programmatic API is built from. */
export interface SimulatorParts {
  url: string;
  links: WireLinks;
  apiVersion: ApiVersion;
  users: readonly Credentials[];
  services: SimulatorServices;
  deliveries: DeliveryLog;
  faults: FaultInjector;
  publisher: EventPublisher;
  shutdown: () => Promise<void>;
}

/** The programmatic agent and inspection API; the control routes expose the same operations. */
export function createSimulatorHandle(parts: SimulatorParts): UnbluSimulator {
  const { services, faults, links } = parts;
  const { state, agentDesk, channels } = services;
  const conversation = (id: string) => conversationView(state, state.conversation(id));
  return {
    url: parts.url,
    apiBaseUrl: links.apiBaseUrl,
    agentPageUrl: links.agentPageUrl,
    apiVersion: parts.apiVersion,
    users: parts.users,

    agentSendText: async (id, text, options) => messageView(state, links, agentDesk.sendText(id, text, options)),
    agentSendFile: async (id, file, options) => messageView(state, links, agentDesk.sendFile(id, file, options)),
    agentRead: async (id, messageIds) => agentDesk.read(id, messageIds).map((m) => messageView(state, links, m)),
    endConversation: async (id, reason, options = {}) =>
      conversationView(state, agentDesk.end(id, reason, options.comment ?? null, options.agent)),

    conversations: () => [...state.conversations.values()].map((c) => conversationView(state, c)),
    conversation,
    messages: (id) => {
      state.conversation(id);
      return state.messagesOf(id).map((m) => messageView(state, links, m));
    },
    channels: () => [...state.channels.values()].map(channelView),
    deliveries: () => parts.deliveries.list(),

    faults: () => faults.state(),
    setFaults: ({ failNext, ...settings }) => {
      faults.set(settings);
      if (failNext) faults.failNext(failNext.count, failNext.status);
    },
    failNext: (count, status) => faults.failNext(count, status),
    setChannelWebhookStatus: (id, status) => channelView(channels.setWebhookStatus(id, status)),

    waitFor: (predicate, timeoutMs = DEFAULT_WAIT_MS) => waitFor(predicate, timeoutMs),
    idle: async () => {
      // Channel deliveries publish state events, so the desk must settle before the publisher.
      await agentDesk.idle();
      await parts.publisher.idle();
    },
    close: parts.shutdown,
  };
}
