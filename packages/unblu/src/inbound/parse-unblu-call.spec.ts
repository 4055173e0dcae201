import type { AgentMessageEvent, UnbluEvent } from '@parley/core';
import { parseUnbluCall } from './parse-unblu-call.js';
import {
  AGENT_PERSON_ID,
  CHANNEL_ID,
  CONTACT_ID,
  CONTACT_SOURCE_ID,
  CONVERSATION_ID,
  DOWNLOAD_URL,
  MESSAGE_ID,
  SERVER_TIMESTAMP,
  VISITOR_PERSON_ID,
  agentPerson,
  cardMessageData,
  conversationData,
  conversationEndedEvent,
  conversationMessageStateEvent,
  conversationNewMessageEvent,
  fileMessageData,
  outboundCreateContactRequest,
  outboundMessageStateRequest,
  outboundNewMessageRequest,
  outboundPingRequest,
  textMessageData,
  v3FileMessageData,
  webhookMessageStateEvent,
  webhookNewMessageEvent,
  webhookPingEvent,
} from './testing/unblu-call-fixtures.js';
import type { UnbluCall } from './unblu-call.js';
import type { UnbluCallParseError } from './unblu-call-parse-error.js';

const NOW = 1_800_000_000_000;
const clock = { now: () => NOW };
const OUTBOUND_NEW_MESSAGE = { 'x-unblu-service-name': 'outbound.external_messenger.new_message', 'x-unblu-invocation-id': 'inv-1' };

function call(headers: Record<string, string>, body: unknown): UnbluCall {
  const result = parseUnbluCall(headers, typeof body === 'string' ? body : JSON.stringify(body), { clock });
  if (!result.ok) throw new Error(`expected a parsed call, got ${result.error.message}`);
  return result.call;
}

function event(headers: Record<string, string>, body: unknown): UnbluEvent {
  const parsed = call(headers, body);
  if (parsed.kind !== 'event') throw new Error(`expected an event, got ${parsed.kind}`);
  return parsed.event;
}

function agentMessage(body: unknown, headers: Record<string, string> = OUTBOUND_NEW_MESSAGE): AgentMessageEvent {
  const parsed = event(headers, body);
  if (parsed.type !== 'agent-message') throw new Error(`expected an agent message, got ${parsed.type}`);
  return parsed;
}

function failure(headers: Record<string, string>, body: unknown): UnbluCallParseError {
  const result = parseUnbluCall(headers, typeof body === 'string' ? body : JSON.stringify(body), { clock });
  if (result.ok) throw new Error(`expected a parse error, got ${result.call.kind}`);
  return result.error;
}

describe('parseUnbluCall: agent messages', () => {
  it('maps a v4 outbound text message completely', () => {
    const headers = { ...OUTBOUND_NEW_MESSAGE, 'x-unblu-delivery': 'dlv-7', 'x-unblu-retry-no': '2' };
    expect(agentMessage(outboundNewMessageRequest(), headers)).toStrictEqual({
      type: 'agent-message',
      delivery: { mechanism: 'outbound', name: 'outbound.external_messenger.new_message', id: 'inv-1', deliveryId: 'dlv-7', retryNo: 2 },
      channelId: CHANNEL_ID,
      conversationId: CONVERSATION_ID,
      messageId: MESSAGE_ID,
      sender: { personId: AGENT_PERSON_ID, personType: 'AGENT', displayName: 'Jane' },
      internal: false,
      content: { kind: 'text', text: 'Guten Tag, wie kann ich helfen?', markdown: false },
      receivingContacts: [{ contactId: CONTACT_ID, sourceId: CONTACT_SOURCE_ID, personId: VISITOR_PERSON_ID }],
      sentAt: SERVER_TIMESTAMP,
    });
  });

  it.each([
    ['the visitor-facing name', {}, 'Jane'],
    ['the display name when there is no visitor-facing name', { displayNameForVisitor: null }, 'Jane Doe (Private Banking)'],
    ['first and last name when there is no display name', { displayNameForVisitor: '', displayName: null }, 'Jane Doe'],
    ['the first name alone', { displayNameForVisitor: null, displayName: null, lastName: null }, 'Jane'],
    ['no name at all', { displayNameForVisitor: null, displayName: null, firstName: null, lastName: ' ' }, undefined],
  ])('names the sender by %s', (_label, overrides, expected) => {
    const message = textMessageData({ senderPerson: agentPerson(overrides) });
    expect(agentMessage(outboundNewMessageRequest(message)).sender.displayName).toBe(expected);
  });

  it('attributes a message without sender to the system', () => {
    const message = textMessageData({ senderPerson: null });
    expect(agentMessage(outboundNewMessageRequest(message)).sender).toStrictEqual({ personType: 'SYSTEM' });
  });

  it('keeps the internal flag, the reply reference and the markdown flag', () => {
    const message = textMessageData({ internal: true, replyToMessageId: 'r3plyT0', textType: 'MARKDOWN', text: '**Hallo**' });
    const parsed = agentMessage(outboundNewMessageRequest(message));
    expect(parsed.internal).toBe(true);
    expect(parsed.replyToMessageId).toBe('r3plyT0');
    expect(parsed.content).toStrictEqual({ kind: 'text', text: '**Hallo**', markdown: true });
  });

  it('maps a v4 file message to its WEB_API download link, not the Agent Desk one', () => {
    expect(agentMessage(outboundNewMessageRequest(fileMessageData())).content).toStrictEqual({
      kind: 'file',
      file: { url: DOWNLOAD_URL, fileName: 'Kontoauszug_2024.pdf', mimeType: 'application/pdf', size: 48213 },
      caption: 'Ihr Kontoauszug',
    });
  });

  it('maps a v3 webhook file message through its plain downloadLink', () => {
    const parsed = agentMessage(webhookNewMessageEvent(v3FileMessageData({ caption: null, mimeType: null })), {
      'x-unblu-event': 'external_messenger.new_message',
      'x-unblu-event-id': 'evt-1',
    });
    expect(parsed.delivery).toStrictEqual({ mechanism: 'webhook', name: 'external_messenger.new_message', id: 'evt-1', retryNo: 0 });
    expect(parsed.receivingContacts).toStrictEqual([]);
    expect(parsed.sender.displayName).toBe('Jane Doe (Private Banking)');
    expect(parsed.content).toStrictEqual({
      kind: 'file',
      file: { url: DOWNLOAD_URL.replace('/rest/v4/', '/rest/v3/'), fileName: 'Kontoauszug_2024.pdf', mimeType: 'application/octet-stream', size: 48213 },
    });
  });

  it('maps other message types to their fallback text', () => {
    expect(agentMessage(outboundNewMessageRequest(cardMessageData())).content).toStrictEqual({
      kind: 'other',
      type: 'CARD',
      fallbackText: 'Termin buchen: https://bank.example/termin',
    });
  });

  it('takes sentAt from the server, else the send time, else the event, else the clock', () => {
    const noServer = textMessageData({ serverTimestamp: null });
    expect(agentMessage(outboundNewMessageRequest(noServer)).sentAt).toBe(SERVER_TIMESTAMP - 40);
    const none = textMessageData({ serverTimestamp: null, sendTimestamp: null });
    expect(agentMessage(outboundNewMessageRequest(none)).sentAt).toBe(NOW);
    const webhook = { 'x-unblu-event': 'external_messenger.new_message' };
    expect(agentMessage(webhookNewMessageEvent(none), webhook).sentAt).toBe(SERVER_TIMESTAMP + 5);
  });

  it('treats null receivingContacts as none', () => {
    expect(agentMessage(outboundNewMessageRequest(textMessageData(), { receivingContacts: null })).receivingContacts).toStrictEqual([]);
  });

  it('maps conversation.new_message of a channel conversation, ignoring other conversations and the visitor', () => {
    const headers = { 'x-unblu-event': 'conversation.new_message' };
    expect(agentMessage(conversationNewMessageEvent(), headers).channelId).toBe(CHANNEL_ID);
    const unlinked = call(headers, conversationNewMessageEvent(textMessageData({ externalMessengerChannelId: null })));
    expect(unlinked).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('without external messenger channel') });
    const visitors = call(headers, conversationNewMessageEvent(textMessageData({ senderPerson: agentPerson({ personType: 'VISITOR' }) })));
    expect(visitors).toMatchObject({ kind: 'ignored', reason: 'message written by the visitor' });
  });
});

describe('parseUnbluCall: payload errors name the field', () => {
  it.each([
    ['conversationMessage.id', outboundNewMessageRequest(textMessageData({ id: undefined }))],
    ['conversationMessage.conversationId', outboundNewMessageRequest(textMessageData({ conversationId: '' }))],
    ['conversationMessage.externalMessengerChannelId', outboundNewMessageRequest(textMessageData({ externalMessengerChannelId: null }))],
    ['conversationMessage.text', outboundNewMessageRequest(textMessageData({ text: null }))],
    ['conversationMessage.internal', outboundNewMessageRequest(textMessageData({ internal: 'no' }))],
    ['conversationMessage.senderPerson.personType', outboundNewMessageRequest(textMessageData({ senderPerson: { displayName: 'X' } }))],
    ['conversationMessage.fileName', outboundNewMessageRequest(fileMessageData({ fileName: null }))],
    ['receivingContacts.0.id', outboundNewMessageRequest(textMessageData(), { receivingContacts: [{ sourceId: 'x' }] })],
    ['conversationMessage', { $_type: 'ExternalMessengerNewMessageRequest' }],
    ['(root)', [textMessageData()]],
  ])('reports %s', (field, body) => {
    const error = failure(OUTBOUND_NEW_MESSAGE, body);
    expect(error.failure).toBe('invalid-payload');
    expect(error.code).toBe('unblu.inbound.invalid-payload');
    expect(error.fields).toContain(field);
    expect(error.detail).toContain(`${field}:`);
  });

  it('requires the WEB_API download link of a file', () => {
    const onlyDesk = fileMessageData({ downloadLinks: [{ $_type: 'DownloadLink', type: 'AGENT_DESK', url: 'https://desk' }] });
    const error = failure(OUTBOUND_NEW_MESSAGE, outboundNewMessageRequest(onlyDesk));
    expect(error.fields).toStrictEqual(['conversationMessage.downloadLinks']);
  });

  it('refuses a body that is not JSON', () => {
    expect(failure(OUTBOUND_NEW_MESSAGE, '{"$_type":').failure).toBe('malformed-json');
    expect(failure(OUTBOUND_NEW_MESSAGE, '').failure).toBe('malformed-json');
  });
});

describe('parseUnbluCall: call names and delivery headers', () => {
  it('needs exactly one of x-unblu-service-name and x-unblu-event', () => {
    expect(failure({}, outboundPingRequest()).failure).toBe('missing-call-name');
    expect(failure({ 'x-unblu-service-name': 'outbound.ping', 'x-unblu-event': 'ping' }, outboundPingRequest()).failure).toBe(
      'ambiguous-call-name',
    );
  });

  it.each([
    ['absent', undefined, 0],
    ['0', '0', 0],
    ['3', '3', 3],
    ['not a number', 'three', 0],
    ['negative', '-1', 0],
  ])('reads X-Unblu-Retry-No %s', (_label, value, expected) => {
    const headers: Record<string, string> = { 'x-unblu-service-name': 'outbound.ping' };
    if (value !== undefined) headers['x-unblu-retry-no'] = value;
    expect(event(headers, outboundPingRequest()).delivery.retryNo).toBe(expected);
  });

  it('falls back to the other id header', () => {
    const parsed = event({ 'x-unblu-service-name': 'outbound.ping', 'x-unblu-event-id': 'evt-9' }, outboundPingRequest());
    expect(parsed.delivery.id).toBe('evt-9');
  });

  it('ignores unknown names, and outbound names sent as webhook events', () => {
    expect(call({ 'x-unblu-event': 'person.updated' }, { $_type: 'PersonUpdatedEvent' })).toMatchObject({
      kind: 'ignored',
      reason: 'unknown event',
    });
    expect(call({ 'x-unblu-service-name': 'outbound.bot.onboarding_offer' }, {})).toMatchObject({
      kind: 'ignored',
      reason: 'unknown outbound service',
    });
    expect(call({ 'x-unblu-event': 'outbound.ping' }, outboundPingRequest()).kind).toBe('ignored');
    expect(call({ 'x-unblu-event': 'conversation.participation.created' }, { $_type: 'ParticipationCreatedEvent' }).kind).toBe('ignored');
  });
});

describe('parseUnbluCall: states, lifecycle, pings, agent-initiated contact', () => {
  it('maps an outbound message state', () => {
    expect(event({ 'x-unblu-service-name': 'outbound.external_messenger.message_state' }, outboundMessageStateRequest())).toStrictEqual({
      type: 'message-state',
      delivery: { mechanism: 'outbound', name: 'outbound.external_messenger.message_state', retryNo: 0 },
      channelId: CHANNEL_ID,
      conversationId: CONVERSATION_ID,
      messageId: 'cUst0m3rM3ss4g3IdAbCdE',
      state: 'READ',
      externalMessageId: 'telegram-msg-4711',
    });
  });

  it('maps webhook message states of both kinds', () => {
    expect(event({ 'x-unblu-event': 'external_messenger.message_state' }, webhookMessageStateEvent())).toMatchObject({
      type: 'message-state',
      state: 'DELIVERED',
      externalMessageId: 'telegram-msg-4711',
    });
    expect(event({ 'x-unblu-event': 'conversation.message_state' }, conversationMessageStateEvent())).toStrictEqual({
      type: 'message-state',
      delivery: { mechanism: 'webhook', name: 'conversation.message_state', retryNo: 0 },
      conversationId: CONVERSATION_ID,
      messageId: MESSAGE_ID,
      state: 'READ',
    });
  });

  it('maps conversation.ended', () => {
    const headers = { 'x-unblu-event': 'conversation.ended', 'x-unblu-event-id': 'evt-end' };
    expect(event(headers, conversationEndedEvent())).toStrictEqual({
      type: 'conversation',
      delivery: { mechanism: 'webhook', name: 'conversation.ended', id: 'evt-end', retryNo: 0 },
      change: 'ended',
      conversationId: CONVERSATION_ID,
      channelId: CHANNEL_ID,
      sourceId: 'telegram:123456789',
      state: 'ENDED',
      endReason: 'ENDED_BY_PARTICIPANT',
    });
  });

  it('maps conversation.created and requires the conversation id', () => {
    const created = { $_type: 'ConversationCreatedEvent', eventType: 'conversation.created', conversation: conversationData() };
    expect(event({ 'x-unblu-event': 'conversation.created' }, created)).toMatchObject({ type: 'conversation', change: 'created', state: 'ACTIVE' });
    const error = failure({ 'x-unblu-event': 'conversation.created' }, { ...created, conversation: conversationData({ id: null }) });
    expect(error.fields).toStrictEqual(['conversation.id']);
  });

  it('reads the ping id of an outbound ping; a webhook ping has none', () => {
    expect(event({ 'x-unblu-service-name': 'outbound.ping' }, outboundPingRequest('ping-42'))).toMatchObject({ type: 'ping', pingId: 'ping-42' });
    expect(event({ 'x-unblu-event': 'ping' }, webhookPingEvent())).toStrictEqual({
      type: 'ping',
      delivery: { mechanism: 'webhook', name: 'ping', retryNo: 0 },
    });
  });

  it('recognises agent-initiated contact requests as unsupported', () => {
    const parsed = call({ 'x-unblu-service-name': 'outbound.external_messenger.create_contact' }, outboundCreateContactRequest());
    expect(parsed).toMatchObject({ kind: 'unsupported', request: 'create-contact' });
    const conversation = call({ 'x-unblu-service-name': 'outbound.external_messenger.create_conversation' }, { creationData: {} });
    expect(conversation).toMatchObject({ kind: 'unsupported', request: 'create-conversation' });
  });
});
