import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { UnbluSimulatorOptions } from './options.js';
import { startUnbluSimulator } from './start-unblu-simulator.js';
import type { UnbluSimulator } from './unblu-simulator.js';

/* Shared helpers of this package's specs: a REST client, a recording middleware endpoint, and
 * per-version recipes for the setup every flow needs (channel, visitor, conversation). */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs inspect loosely typed JSON
export type AnyJson = any;

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: AnyJson;
  text: string;
}

export const ADMIN_AUTH = `Basic ${Buffer.from('admin:admin').toString('base64')}`;

/** Calls the simulator's REST API (admin/admin unless `auth` says otherwise). */
export async function call(
  sim: UnbluSimulator,
  method: string,
  path: string,
  body?: unknown,
  auth: string | null = ADMIN_AUTH,
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (auth) headers.Authorization = auth;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${sim.apiBaseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: parseJson(text), text };
}

function parseJson(text: string): AnyJson {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** Like {@link call} but fails the test unless the status is 2xx. */
export async function ok(sim: UnbluSimulator, method: string, path: string, body?: unknown): Promise<AnyJson> {
  const res = await call(sim, method, path, body);
  if (res.status < 200 || res.status > 299) throw new Error(`${method} ${path} → ${res.status}: ${res.text}`);
  return res.body;
}

export interface RecordedRequest {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  body: AnyJson;
}

export interface EndpointReply {
  status?: number;
  body?: unknown;
  /** Sent as is, instead of JSON-encoding `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** A stand-in for the middleware: records every request and answers as the test says. */
export interface EndpointRecorder {
  url: string;
  requests: RecordedRequest[];
  reply: (request: RecordedRequest, index: number) => EndpointReply;
  close(): Promise<void>;
}

export async function startEndpointRecorder(): Promise<EndpointRecorder> {
  const recorder: EndpointRecorder = {
    url: '',
    requests: [],
    reply: (request) => defaultReply(request),
    close: () => close(server),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const request = { headers: req.headers, raw, body: JSON.parse(raw.toString('utf8')) as AnyJson };
      recorder.requests.push(request);
      const answer = recorder.reply(request, recorder.requests.length - 1);
      void sleep(answer.delayMs ?? 0).then(() => {
        if (res.destroyed) return;
        res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json', ...answer.headers });
        res.end(answer.rawBody ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  recorder.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/unblu`;
  return recorder;
}

/** What a well-behaved middleware answers to each call. */
export function defaultReply(request: RecordedRequest): EndpointReply {
  const service = request.headers['x-unblu-service-name'];
  if (service === 'outbound.external_messenger.new_message') {
    return { body: { $_type: 'ExternalMessengerNewMessageResponse', externalMessageId: `ext-${request.body.conversationMessage.id}` } };
  }
  if (service === 'outbound.external_messenger.message_state') return { body: { $_type: 'ExternalMessengerMessageStateResponse' } };
  if (service === 'outbound.ping') return { body: { $_type: 'PingResponse', pingId: request.body.pingId } };
  return { status: 200 };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export const SECRET = 'middleware-secret';

/** A simulator and a recording endpoint, torn down together. */
export interface Harness {
  sim: UnbluSimulator;
  endpoint: EndpointRecorder;
  close(): Promise<void>;
}

export async function startHarness(options: UnbluSimulatorOptions = {}): Promise<Harness> {
  const sim = await startUnbluSimulator({ outbound: { retryDelayMs: 10 }, ...options });
  const endpoint = await startEndpointRecorder();
  return {
    sim,
    endpoint,
    close: async () => {
      await sim.close();
      await endpoint.close();
    },
  };
}

/** Ids of a ready messenger conversation. */
export interface Chat {
  channelId: string;
  personId: string;
  /** v4 only. */
  contactId: string | null;
  conversationId: string;
  sourceId: string;
}

/** Creates a custom channel pointing at `endpoint` (v4 channels need a timeout, v3 ones have none). */
export function createChannel(sim: UnbluSimulator, endpoint: string, overrides: Record<string, unknown> = {}): Promise<AnyJson> {
  const v4 = sim.apiVersion === 'v4' ? { webhookApiVersion: 'V4', outboundTimeoutMillis: 1000 } : { webhookApiVersion: 'V3' };
  return ok(sim, 'POST', '/externalmessengers/create', {
    $_type: 'CustomExternalMessengerChannel',
    type: 'CUSTOM',
    name: `Signal ${Math.random().toString(36).slice(2)}`,
    webhookEndpoint: endpoint,
    webhookSecret: SECRET,
    webhookStatus: 'ACTIVE',
    messageStateHandledExternally: false,
    ...v4,
    ...overrides,
  });
}

/** Visitor, (v4) contact and conversation for one messenger chat on an existing channel. */
export async function openChat(sim: UnbluSimulator, channelId: string, sourceId = `chat-${Math.random()}`): Promise<Chat> {
  const person = await ok(sim, 'POST', '/persons/createOrUpdateVirtual', {
    $_type: 'PersonData',
    personSource: 'VIRTUAL',
    sourceId: `signal:${sourceId}`,
    firstName: 'Clara',
    lastName: 'Kunde',
  });
  if (sim.apiVersion === 'v3') {
    const conversation = await ok(sim, 'POST', '/conversations/create', {
      $_type: 'ConversationData',
      externalMessengerChannelId: channelId,
      sourceId,
      initialEngagementType: 'CHAT_REQUEST',
      participants: [{ $_type: 'ParticipantData', personId: person.id, connectedViaExternalMessenger: true }],
      contextPersonId: person.id,
    });
    return { channelId, personId: person.id, contactId: null, conversationId: conversation.id, sourceId };
  }
  const contact = await ok(sim, 'POST', '/externalmessengercontacts/create', {
    $_type: 'ExternalMessengerContact',
    externalMessengerChannelId: channelId,
    sourceId: `+4179${Math.floor(Math.random() * 1e7)}`,
    name: 'Clara Kunde',
    personId: person.id,
  });
  const conversation = await ok(sim, 'POST', '/conversations/create', v4Conversation(channelId, contact.id, sourceId));
  return { channelId, personId: person.id, contactId: contact.id, conversationId: conversation.id, sourceId };
}

export function v4Conversation(channelId: string, contactId: string, sourceId: string): Record<string, unknown> {
  return {
    $_type: 'ConversationCreationData',
    externalMessengerChannelId: channelId,
    sourceId,
    initialEngagementType: 'CHAT_REQUEST',
    externalParticipants: [
      { $_type: 'ConversationCreationExternalParticipantData', externalMessengerContactId: contactId, participationType: 'CONTEXT_PERSON' },
    ],
  };
}

/** Posts a visitor message through sendMessage in the version's shape; resolves with the raw response. */
export function visitorSends(sim: UnbluSimulator, chat: Chat, messageData: Record<string, unknown>, sourceId = 'msg-1'): Promise<ApiResponse> {
  if (sim.apiVersion === 'v3') {
    return call(sim, 'POST', '/externalmessengers/sendMessage', {
      $_type: 'ExternalMessengerPostMessage',
      conversationId: chat.conversationId,
      externalMessengerChannelId: chat.channelId,
      senderPersonId: chat.personId,
      sourceId,
      messageData,
    });
  }
  return call(sim, 'POST', `/externalmessengers/${chat.channelId}/sendMessage`, {
    $_type: 'ExternalMessengerPostMessage',
    conversationId: chat.conversationId,
    senderExternalMessengerContactId: chat.contactId,
    sourceId,
    messageData,
  });
}

export const text = (value: string) => ({ $_type: 'TextPostMessageData', type: 'TEXT', text: value, textType: 'SIMPLE_TEXT' });

/** The message id from a successful sendMessage answer of either version. */
export function sentMessageId(sim: UnbluSimulator, res: ApiResponse): string {
  if (res.status !== 200) throw new Error(`sendMessage → ${res.status}: ${res.text}`);
  return sim.apiVersion === 'v3' ? (res.body as string) : (res.body.messageId as string);
}

/** A path with the entity id where the version wants it (v4: path segment, v3: `?id=`). */
export function entityPath(sim: UnbluSimulator, service: string, id: string, operation: string): string {
  return sim.apiVersion === 'v4' ? `/${service}/${id}/${operation}` : `/${service}/${operation}?id=${id}`;
}

export const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export const API_VERSIONS = ['v4', 'v3'] as const;
