/**
 * Bodies of Unblu's calls to Parley, written by hand after the v4 (8.14) and v3 (7.52) web API
 * schemas, the way Unblu serialises them: `$_type` on every object, `null` for unset fields,
 * and fields Parley does not read. Each builder returns a fresh object; pass overrides to vary it.
 */

export const ACCOUNT_ID = 'wZvcAnbBSpOps9oteH-Oxw';
export const CHANNEL_ID = 'cne9hsne4rgxa2es6MenC8d';
export const CONVERSATION_ID = 'Hr8cfRDHRy6NVbA0hBO2Hg';
export const MESSAGE_ID = 'q7kB2x0uT8yhYw6u1lFqUQ';
export const AGENT_PERSON_ID = 'aG3nTp3rs0nIdAbCdEfGhI';
export const VISITOR_PERSON_ID = 'v1s1t0rP3rs0nIdAbCdEfG';
export const CONTACT_ID = 'c0nt4ctIdAbCdEfGhIjKlM';
/** The customer's id in the messenger (here a Telegram chat id). */
export const CONTACT_SOURCE_ID = 'telegram:123456789';
export const SERVER_TIMESTAMP = 1_700_000_000_123;
export const DOWNLOAD_URL = `https://unblu.example.com/app/rest/v4/conversations/${CONVERSATION_ID}/files/f1LeSt0r3Id/download`;
export const AGENT_DESK_URL = `https://unblu.example.com/app/desk/files/f1LeSt0r3Id`;

type Json = Record<string, unknown>;

/** v4 `PersonData` of an agent, with the visitor-facing name of Unblu 8.14. */
export function agentPerson(overrides: Json = {}): Json {
  return {
    $_type: 'PersonData',
    id: AGENT_PERSON_ID,
    accountId: ACCOUNT_ID,
    personSource: 'USER_DB',
    sourceId: 'jane.doe',
    sourceUrl: null,
    sourceData: null,
    firstName: 'Jane',
    lastName: 'Doe',
    username: 'jane.doe',
    nickname: null,
    displayName: 'Jane Doe (Private Banking)',
    displayNameForAgent: 'Jane Doe (Private Banking)',
    displayNameForVisitor: 'Jane',
    personType: 'AGENT',
    authorizationRole: 'SUPERVISOR',
    email: 'jane.doe@bank.example',
    phone: null,
    teamId: 'pr1v4t3B4nk1ngT34mIdXY',
    labels: [],
    avatar: 'av4t4rIdAbCdEfGhIjKlMn',
    metadata: null,
    ...overrides,
  };
}

/** v3 (Unblu 7) `PersonData`: no visitor-facing name yet. */
export function v3AgentPerson(overrides: Json = {}): Json {
  const { displayNameForVisitor: _forVisitor, displayNameForAgent: _forAgent, labels: _labels, ...person } = agentPerson();
  return { ...person, teamName: 'Private Banking', ...overrides };
}

/** Fields every `MessageData` subtype shares (v4). */
function messageCommon(type: string, overrides: Json): Json {
  return {
    id: MESSAGE_ID,
    conversationId: CONVERSATION_ID,
    externalMessengerChannelId: CHANNEL_ID,
    accountId: ACCOUNT_ID,
    senderPerson: agentPerson(),
    senderPersonPresenceId: 'pr3s3nc3IdAbCdEfGhIjKl',
    serverTimestamp: SERVER_TIMESTAMP,
    sendTimestamp: SERVER_TIMESTAMP - 40,
    type,
    recipientPersonIds: null,
    actionId: MESSAGE_ID,
    sourceId: null,
    botThreadId: null,
    internal: false,
    replyToMessageId: null,
    externalMessageId: null,
    replyToExternalMessageId: null,
    locale: 'de-CH',
    ...overrides,
  };
}

export function textMessageData(overrides: Json = {}): Json {
  return {
    $_type: 'TextMessageData',
    ...messageCommon('TEXT', { fallbackText: 'Guten Tag, wie kann ich helfen?' }),
    text: 'Guten Tag, wie kann ich helfen?',
    textType: 'SIMPLE_TEXT',
    quickReplies: null,
    ...overrides,
  };
}

export function fileMessageData(overrides: Json = {}): Json {
  return {
    $_type: 'FileMessageData',
    ...messageCommon('FILE', { fallbackText: 'Kontoauszug_2024.pdf' }),
    fileName: 'Kontoauszug_2024.pdf',
    caption: 'Ihr Kontoauszug',
    captionType: 'SIMPLE_TEXT',
    mimeType: 'application/pdf',
    source: 'UPLOAD',
    fileStoreId: 'f1LeSt0r3Id',
    fileStatus: 'COMPLETED',
    totalSize: 48213,
    uploadedSize: 48213,
    downloadLinks: [
      { $_type: 'DownloadLink', type: 'AGENT_DESK', url: AGENT_DESK_URL },
      { $_type: 'DownloadLink', type: 'WEB_API', url: DOWNLOAD_URL },
    ],
    quickReplies: null,
    ...overrides,
  };
}

/** A card: a type Parley does not map, forwarded as its fallback text. */
export function cardMessageData(overrides: Json = {}): Json {
  return {
    $_type: 'CardMessageData',
    ...messageCommon('CARD', { fallbackText: 'Termin buchen: https://bank.example/termin' }),
    header: { $_type: 'MessageHeader', title: 'Termin buchen', body: null, imageUrl: null, imageAltText: null },
    body: { $_type: 'MessageBody', text: 'Wählen Sie einen Termin', textType: 'SIMPLE_TEXT' },
    buttons: [],
    ...overrides,
  };
}

/** v3 text message: no `externalMessageId`, `locale` and friends. */
export function v3TextMessageData(overrides: Json = {}): Json {
  const { externalMessageId: _e, replyToExternalMessageId: _r, locale: _l, ...message } = textMessageData({ senderPerson: v3AgentPerson() });
  return { ...message, ...overrides };
}

/** v3 file message: the web API link is a plain `downloadLink` string. */
export function v3FileMessageData(overrides: Json = {}): Json {
  const { downloadLinks: _links, externalMessageId: _e, replyToExternalMessageId: _r, locale: _l, ...message } = fileMessageData({
    senderPerson: v3AgentPerson(),
  });
  return {
    ...message,
    downloadLink: DOWNLOAD_URL.replace('/rest/v4/', '/rest/v3/'),
    agentDeskDownloadLink: AGENT_DESK_URL,
    ...overrides,
  };
}

export function receivingContact(overrides: Json = {}): Json {
  return {
    $_type: 'ExternalMessengerContact',
    id: CONTACT_ID,
    creationTimestamp: SERVER_TIMESTAMP - 86_400_000,
    modificationTimestamp: SERVER_TIMESTAMP - 86_400_000,
    accountId: ACCOUNT_ID,
    name: 'Max Muster',
    description: null,
    externalMessengerChannelId: CHANNEL_ID,
    sourceId: CONTACT_SOURCE_ID,
    personId: VISITOR_PERSON_ID,
    ...overrides,
  };
}

/** `outbound.external_messenger.new_message` (v4). */
export function outboundNewMessageRequest(conversationMessage: Json = textMessageData(), overrides: Json = {}): Json {
  return {
    $_type: 'ExternalMessengerNewMessageRequest',
    accountId: ACCOUNT_ID,
    serviceName: 'outbound.external_messenger.new_message',
    conversationMessage,
    receivingContacts: [receivingContact()],
    ...overrides,
  };
}

/** Webhook `external_messenger.new_message` (v3 channels). */
export function webhookNewMessageEvent(conversationMessage: Json = v3TextMessageData(), overrides: Json = {}): Json {
  return {
    $_type: 'ExternalMessengerNewMessageEvent',
    timestamp: SERVER_TIMESTAMP + 5,
    eventType: 'external_messenger.new_message',
    accountId: ACCOUNT_ID,
    conversationMessage,
    ...overrides,
  };
}

/** Webhook `conversation.new_message` (webhook registrations). */
export function conversationNewMessageEvent(conversationMessage: Json = textMessageData(), overrides: Json = {}): Json {
  return { ...webhookNewMessageEvent(conversationMessage), $_type: 'ConversationNewMessageEvent', eventType: 'conversation.new_message', ...overrides };
}

const messageStateFields = {
  messageId: 'cUst0m3rM3ss4g3IdAbCdE',
  state: 'READ',
  sourceId: 'telegram-msg-4711',
  externalMessengerChannelId: CHANNEL_ID,
  conversationId: CONVERSATION_ID,
};

/** `outbound.external_messenger.message_state` (v4). */
export function outboundMessageStateRequest(overrides: Json = {}): Json {
  return {
    $_type: 'ExternalMessengerMessageStateRequest',
    accountId: ACCOUNT_ID,
    serviceName: 'outbound.external_messenger.message_state',
    ...messageStateFields,
    ...overrides,
  };
}

/** Webhook `external_messenger.message_state`. */
export function webhookMessageStateEvent(overrides: Json = {}): Json {
  return {
    $_type: 'ExternalMessengerMessageStateEvent',
    timestamp: SERVER_TIMESTAMP,
    eventType: 'external_messenger.message_state',
    accountId: ACCOUNT_ID,
    ...messageStateFields,
    state: 'DELIVERED',
    ...overrides,
  };
}

/** `outbound.ping`, as sent by `/externalmessengers/{channelId}/sendPing`. */
export function outboundPingRequest(pingId = 'CD-Wj4RyTVOhx0oC_PCX_g'): Json {
  return { $_type: 'PingRequest', accountId: ACCOUNT_ID, serviceName: 'outbound.ping', pingId };
}

/** Webhook `ping`, as sent by `/webhookregistrations/{id}/sendPing`. */
export function webhookPingEvent(): Json {
  return {
    $_type: 'WebhookPingEvent',
    timestamp: SERVER_TIMESTAMP,
    eventType: 'ping',
    accountId: ACCOUNT_ID,
    webhookConfiguration: {
      $_type: 'WebhookRegistration',
      id: 'w3bh00kR3g1str4t10nIdX',
      accountId: ACCOUNT_ID,
      name: 'parley-lifecycle',
      description: null,
      status: 'ACTIVE',
      endpoint: 'https://parley.bank.example/unblu',
      apiVersion: 'V4',
      events: ['conversation.ended'],
    },
  };
}

/** v4 `ConversationData` of an external messenger conversation. */
export function conversationData(overrides: Json = {}): Json {
  return {
    $_type: 'ConversationData',
    creationTimestamp: SERVER_TIMESTAMP - 600_000,
    endTimestamp: null,
    id: CONVERSATION_ID,
    accountId: ACCOUNT_ID,
    topic: 'Kontoauszug',
    participants: [],
    externalParticipants: [],
    botParticipants: [],
    state: 'ACTIVE',
    initialEngagementType: 'CHAT_REQUEST',
    locale: 'de-CH',
    externalMessengerChannelId: CHANNEL_ID,
    sourceId: 'telegram:123456789',
    sourceUrl: null,
    endReason: null,
    metadata: null,
    ...overrides,
  };
}

/** Webhook `conversation.ended`: the agent ended the conversation. */
export function conversationEndedEvent(overrides: Json = {}): Json {
  return {
    $_type: 'ConversationEndedEvent',
    timestamp: SERVER_TIMESTAMP + 60_000,
    eventType: 'conversation.ended',
    accountId: ACCOUNT_ID,
    conversation: conversationData({ state: 'ENDED', endTimestamp: SERVER_TIMESTAMP + 60_000, endReason: 'ENDED_BY_PARTICIPANT' }),
    endReason: 'ENDED_BY_PARTICIPANT',
    endPerson: agentPerson(),
    endComment: null,
    ...overrides,
  };
}

/** Webhook `conversation.message_state`. */
export function conversationMessageStateEvent(overrides: Json = {}): Json {
  return {
    $_type: 'ConversationMessageStateEvent',
    timestamp: SERVER_TIMESTAMP,
    eventType: 'conversation.message_state',
    accountId: ACCOUNT_ID,
    messageId: MESSAGE_ID,
    state: 'READ',
    conversationId: CONVERSATION_ID,
    ...overrides,
  };
}

/** `outbound.external_messenger.create_contact`: an agent wants to start a contact. */
export function outboundCreateContactRequest(): Json {
  return {
    $_type: 'ExternalMessengerCreateContactRequest',
    accountId: ACCOUNT_ID,
    serviceName: 'outbound.external_messenger.create_contact',
    externalMessengerChannelId: CHANNEL_ID,
    personData: { $_type: 'PersonData', id: VISITOR_PERSON_ID, personType: 'VISITOR', displayName: 'Max Muster' },
    contactIdentifier: '+41790000000',
    description: null,
  };
}
