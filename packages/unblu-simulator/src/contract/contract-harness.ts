import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type {
  AgentMessageEvent,
  ConversationEvent,
  MessageStateEvent,
  PingEvent,
  UnbluApiVersion,
  UnbluEventListener,
  UnbluGateway,
} from '@parley/core';
import { createUnbluGateway, createUnbluRequestHandler } from '@parley/unblu';
import { startUnbluSimulator } from '../start-unblu-simulator.js';
import type { UnbluSimulatorOptions } from '../options.js';
import type { UnbluSimulator } from '../unblu-simulator.js';

/*
 * Wires Parley's Unblu client and inbound handler to the simulator, as the host will: the gateway
 * talks to the simulator's REST API, and a local express server mounts the handler where the
 * simulator's channel endpoint points. Used by the contract specs only.
 */

export const SECRET = 'contract-test-secret';

/** Records what Parley's handler passed on, and answers like a durable engine would. */
export class RecordingListener implements UnbluEventListener {
  readonly agentMessages: AgentMessageEvent[] = [];
  readonly states: MessageStateEvent[] = [];
  readonly conversationEvents: ConversationEvent[] = [];
  readonly pings: PingEvent[] = [];

  async onAgentMessage(event: AgentMessageEvent): Promise<{ externalMessageId: string }> {
    this.agentMessages.push(event);
    return { externalMessageId: `parley-${event.messageId}` };
  }

  async onMessageState(event: MessageStateEvent): Promise<void> {
    this.states.push(event);
  }

  async onConversationEvent(event: ConversationEvent): Promise<void> {
    this.conversationEvents.push(event);
  }

  onPing(event: PingEvent): void {
    this.pings.push(event);
  }
}

export interface ContractHarness {
  apiVersion: UnbluApiVersion;
  sim: UnbluSimulator;
  gateway: UnbluGateway;
  listener: RecordingListener;
  /** Parley's Unblu endpoint, where channels and webhook registrations point. */
  endpoint: string;
  close(): Promise<void>;
}

export async function startContractHarness(
  apiVersion: UnbluApiVersion,
  options: UnbluSimulatorOptions = {},
): Promise<ContractHarness> {
  const sim = await startUnbluSimulator({ apiVersion, outbound: { retryDelayMs: 20 }, ...options });
  const listener = new RecordingListener();
  const app = express();
  app.use('/unblu', createUnbluRequestHandler({ secrets: [SECRET], listener }));
  const server = await listen(app);
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/unblu`;
  const gateway = createUnbluGateway({
    baseUrl: sim.apiBaseUrl,
    apiVersion,
    auth: { type: 'basic', username: 'admin', password: 'admin' },
    timeoutMs: 5000,
  });
  return {
    apiVersion,
    sim,
    gateway,
    listener,
    endpoint,
    close: async () => {
      await sim.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

let counter = 0;
/** A name unique within the test run, for entities Unblu keeps unique per account. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

export interface LinkOptions {
  /** The external chat id; unique by default. */
  sourceId?: string;
  topic?: string;
  messageStateHandledExternally?: boolean;
}

/**
 * The setup most specs share, done through Parley's gateway: a fresh channel pointing at Parley's
 * endpoint, the customer as a visitor, and an active conversation linked by `sourceId`.
 */
export async function linkConversation(h: ContractHarness, options: LinkOptions = {}) {
  const sourceId = options.sourceId ?? uniqueName('chat');
  const channel = await h.gateway.channels.create({
    name: uniqueName('channel'),
    endpoint: h.endpoint,
    secret: SECRET,
    messageStateHandledExternally: options.messageStateHandledExternally,
  });
  const visitor = await h.gateway.visitors.upsert({
    channelId: channel.id,
    externalId: sourceId,
    personSourceId: `test:${sourceId}`,
    firstName: 'Max',
  });
  const conversation = await h.gateway.conversations.create({ channelId: channel.id, sourceId, visitor, topic: options.topic });
  return { channel, visitor, conversation, sourceId };
}
