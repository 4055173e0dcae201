import { parseDataUrl, PermanentError } from '@parley/core';
import type { RecordingServer } from '../testing/recording-server.js';
import { notFound, SCRIPTED_AUTH, startScriptedUnblu, type Routes, type ScriptedUnblu } from '../testing/scripted-unblu.js';
import type { UnbluV4Gateway } from './v4-gateway.js';

const PREFIX = '/app/rest/v4';

describe('UnbluV4Gateway request shapes', () => {
  let server: RecordingServer;
  let gateway: UnbluV4Gateway;
  let routes: Routes;
  let unblu: ScriptedUnblu<'v4'>;

  beforeEach(async () => {
    unblu = await startScriptedUnblu('v4', PREFIX);
    ({ server, gateway, routes } = unblu);
  });
  afterEach(async () => unblu.close());

  const calls = (): string[] => unblu.calls();

  describe('visitors.upsert', () => {
    const spec = { channelId: 'ch1', externalId: '+41790000001', personSourceId: 'signal:+41790000001', firstName: 'Anna', lastName: 'Muster' };

    it('upserts the virtual person, searches the contact by channel and source id, and creates it', async () => {
      routes['POST /persons/createOrUpdateVirtual'] = () => ({ body: { $_type: 'PersonData', id: 'person1' } });
      routes['POST /externalmessengercontacts/search'] = () => ({ body: { $_type: 'ExternalMessengerContactResult', hasMoreItems: false, items: [] } });
      routes['POST /externalmessengercontacts/create'] = (request) => ({ body: { ...(request.body as object), id: 'contact1' } });

      await expect(gateway.visitors.upsert(spec)).resolves.toEqual({ personId: 'person1', contactId: 'contact1' });

      expect(calls()).toEqual(['POST /persons/createOrUpdateVirtual', 'POST /externalmessengercontacts/search', 'POST /externalmessengercontacts/create']);
      const [person, search, create] = server.requests;
      expect(person?.headers['authorization']).toBe(SCRIPTED_AUTH);
      expect(person?.body).toEqual({
        $_type: 'PersonData',
        personSource: 'VIRTUAL',
        sourceId: 'signal:+41790000001',
        personType: 'VISITOR',
        firstName: 'Anna',
        lastName: 'Muster',
      });
      expect(search?.body).toEqual({
        $_type: 'ExternalMessengerContactQuery',
        searchFilters: [
          {
            $_type: 'ExternalMessengerChannelIdExternalMessengerContactSearchFilter',
            field: 'EXTERNAL_MESSENGER_CHANNEL_ID',
            operator: { $_type: 'EqualsIdOperator', type: 'EQUALS', value: 'ch1' },
          },
          {
            $_type: 'SourceIdExternalMessengerContactSearchFilter',
            field: 'SOURCE_ID',
            operator: { $_type: 'EqualsStringOperator', type: 'EQUALS', value: '+41790000001' },
          },
        ],
        offset: 0,
        limit: 2,
      });
      expect(create?.body).toEqual({
        $_type: 'ExternalMessengerContact',
        name: 'Anna Muster',
        externalMessengerChannelId: 'ch1',
        sourceId: '+41790000001',
        personId: 'person1',
      });
    });

    it('reuses an existing contact, whose person wins', async () => {
      routes['POST /persons/createOrUpdateVirtual'] = () => ({ body: { $_type: 'PersonData', id: 'person1' } });
      routes['POST /externalmessengercontacts/search'] = () => ({
        body: {
          $_type: 'ExternalMessengerContactResult',
          items: [{ $_type: 'ExternalMessengerContact', id: 'c9', externalMessengerChannelId: 'ch1', sourceId: '+41790000001', personId: 'person7' }],
        },
      });
      await expect(gateway.visitors.upsert(spec)).resolves.toEqual({ personId: 'person7', contactId: 'c9' });
      expect(calls()).not.toContain('POST /externalmessengercontacts/create');
    });
  });

  describe('conversations', () => {
    it('creates a CHAT_REQUEST with the contact as the only participant', async () => {
      routes['POST /conversations/create'] = (request) => ({
        body: { ...(request.body as object), $_type: 'ConversationData', id: 'conv1', state: 'QUEUED', creationTimestamp: 1700000000000 },
      });
      const conversation = await gateway.conversations.create({
        channelId: 'ch1',
        sourceId: 'chat-42',
        visitor: { personId: 'person1', contactId: 'contact1' },
        topic: 'Signal',
        locale: 'de-CH',
        recipient: { type: 'NAMED_AREA', id: 'area1' },
      });
      expect(conversation).toEqual({ id: 'conv1', state: 'QUEUED', channelId: 'ch1', sourceId: 'chat-42', topic: 'Signal', creationTimestamp: 1700000000000 });
      expect(server.requests[0]?.body).toEqual({
        $_type: 'ConversationCreationData',
        topic: 'Signal',
        initialEngagementType: 'CHAT_REQUEST',
        locale: 'de-CH',
        externalMessengerChannelId: 'ch1',
        sourceId: 'chat-42',
        recipient: { $_type: 'ConversationCreationRecipientData', type: 'NAMED_AREA', id: 'area1' },
        externalParticipants: [
          { $_type: 'ConversationCreationExternalParticipantData', externalMessengerContactId: 'contact1', participationType: 'CONTEXT_PERSON' },
        ],
      });
    });

    it('refuses a visitor without contact before calling Unblu', async () => {
      const attempt = gateway.conversations.create({ channelId: 'ch1', sourceId: 's', visitor: { personId: 'p' } });
      await expect(attempt).rejects.toBeInstanceOf(PermanentError);
      await expect(attempt).rejects.toMatchObject({ code: 'unblu.visitor_without_contact' });
      expect(server.requests).toHaveLength(0);
    });

    it('finds the active conversation by source and channel id, undefined on 404', async () => {
      routes['GET /conversations/getBySourceIdAndChannelId'] = (request) =>
        request.query['sourceId'] === 'known' ? { body: { $_type: 'ConversationData', id: 'c1', state: 'ACTIVE', creationTimestamp: 1 } } : notFound;
      await expect(gateway.conversations.findActive('ch1', 'known')).resolves.toMatchObject({ id: 'c1', state: 'ACTIVE' });
      await expect(gateway.conversations.findActive('ch1', 'unknown')).resolves.toBeUndefined();
      expect(server.requests[0]?.query).toEqual({ sourceId: 'known', externalMessengerChannelId: 'ch1' });
    });

    it('reads and ends by id in the path', async () => {
      routes['GET /conversations/c%2F1/read'] = () => ({ body: { $_type: 'ConversationData', id: 'c/1', state: 'ACTIVE' } });
      routes['GET /conversations/missing/read'] = () => notFound;
      routes['POST /conversations/c1/end'] = () => ({ body: { $_type: 'ConversationData', id: 'c1', state: 'ENDED', endTimestamp: 5 } });
      await expect(gateway.conversations.read('c/1')).resolves.toMatchObject({ id: 'c/1' });
      await expect(gateway.conversations.read('missing')).resolves.toBeUndefined();
      await expect(gateway.conversations.end('c1', 'EXTERNAL_CHANNEL_CLOSED', 'customer left')).resolves.toMatchObject({ state: 'ENDED', endTimestamp: 5 });
      expect(server.requests.at(-1)?.body).toEqual({ reason: 'EXTERNAL_CHANNEL_CLOSED', comment: 'customer left' });
    });
  });

  describe('messages', () => {
    const visitor = { personId: 'person1', contactId: 'contact1' };

    it('sends text as the contact, with the messenger id as sourceId', async () => {
      routes['POST /externalmessengers/ch1/sendMessage'] = () => ({ body: { $_type: 'SendMessageResult', messageId: 'm1' } });
      const result = await gateway.messages.send({
        channelId: 'ch1',
        conversationId: 'conv1',
        visitor,
        sourceId: 'tg-777',
        content: { kind: 'text', text: 'Grüezi *world*' },
      });
      expect(result).toEqual({ messageId: 'm1' });
      expect(server.requests[0]?.body).toEqual({
        $_type: 'ExternalMessengerPostMessage',
        conversationId: 'conv1',
        senderExternalMessengerContactId: 'contact1',
        sourceId: 'tg-777',
        messageData: { $_type: 'TextPostMessageData', type: 'TEXT', text: 'Grüezi *world*', textType: 'SIMPLE_TEXT' },
      });
    });

    it('sends a file inline as a data URL', async () => {
      routes['POST /externalmessengers/ch1/sendMessage'] = () => ({ body: { $_type: 'SendMessageResult', messageId: 'm2' } });
      const data = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]);
      await gateway.messages.send({
        channelId: 'ch1',
        conversationId: 'conv1',
        visitor,
        sourceId: 'tg-778',
        replyToMessageId: 'm1',
        content: { kind: 'file', fileName: 'photo.png', mimeType: 'image/png', data, caption: 'my card' },
      });
      const body = server.requests[0]?.body as { replyToMessageId: string; messageData: Record<string, string> };
      expect(body.replyToMessageId).toBe('m1');
      expect(body.messageData).toEqual({
        $_type: 'FilePostMessageData',
        type: 'FILE',
        fileName: 'photo.png',
        caption: 'my card',
        captionType: 'SIMPLE_TEXT',
        fileData: `data:image/png;base64,${Buffer.from(data).toString('base64')}`,
      });
      expect(parseDataUrl(body.messageData['fileData'] ?? '').data).toEqual(data);
    });

    it('reports states with the channel id in the path and failState', async () => {
      for (const name of ['messageSendFailed', 'messageSentSuccessfully', 'messageDelivered', 'messageRead']) {
        routes[`POST /externalmessengers/ch1/${name}`] = () => ({ status: 204 });
      }
      const ref = { channelId: 'ch1', conversationId: 'conv1', messageId: 'm9' };
      await gateway.messages.sendFailed(ref, 'TERMINAL', 'Blocked by the user');
      await gateway.messages.sentSuccessfully(ref);
      await gateway.messages.delivered({ ...ref, visitor });
      await gateway.messages.read(ref);
      expect(server.requests.map((request) => request.body)).toEqual([
        { conversationId: 'conv1', messageId: 'm9', failState: 'TERMINAL', failureText: 'Blocked by the user' },
        { conversationId: 'conv1', messageId: 'm9' },
        { conversationId: 'conv1', messageId: 'm9', externalMessengerContactId: 'contact1' },
        { conversationId: 'conv1', messageId: 'm9' },
      ]);
    });
  });

  describe('messages.findBySourceId', () => {
    const entry = (id: string, externalMessageId: string | null) => ({
      $_type: 'ConversationHistoryMessageData',
      id,
      conversationId: 'conv1',
      sendTimestamp: 1_700_000_000_000,
      type: 'TEXT',
      internal: false,
      externalMessageId,
    });
    const query = (offset: number) => ({
      $_type: 'MessageExportQuery',
      searchFilters: [
        {
          $_type: 'SendTimestampMessageExportFilter',
          field: 'SEND_TIMESTAMP',
          operator: { $_type: 'GreaterThanTimestampOperator', type: 'GREATER_THAN', value: 1_700_000_000_000 - 60_000 - 1 },
        },
      ],
      orderBy: [{ $_type: 'MessageExportOrderBy', field: 'SEND_TIMESTAMP', order: 'ASCENDING' }],
      offset,
      limit: 100,
    });

    it('pages through the message log from since minus the skew margin and returns the matching message', async () => {
      routes['POST /conversationhistory/conv%2F1/exportMessageLog'] = (request) =>
        (request.body as { offset: number }).offset === 0
          ? { body: { $_type: 'MessageExportResult', hasMoreItems: true, nextOffset: 100, items: [entry('m1', 'tg-1'), entry('m2', null)] } }
          : { body: { $_type: 'MessageExportResult', hasMoreItems: false, items: [entry('m3', 'tg-777')] } };
      await expect(gateway.messages.findBySourceId('conv/1', 'tg-777', 1_700_000_000_000)).resolves.toEqual({ messageId: 'm3' });
      expect(calls()).toEqual(['POST /conversationhistory/conv%2F1/exportMessageLog', 'POST /conversationhistory/conv%2F1/exportMessageLog']);
      expect(server.requests.map((request) => request.body)).toEqual([query(0), query(100)]);
      expect(server.requests[0]?.headers['authorization']).toBe(SCRIPTED_AUTH);
    });

    it('stops at the first match, and resolves undefined when nothing matches or the conversation is unknown', async () => {
      routes['POST /conversationhistory/conv1/exportMessageLog'] = () => ({
        body: { $_type: 'MessageExportResult', hasMoreItems: true, nextOffset: 2, items: [entry('m1', 'tg-1'), entry('m2', 'tg-2')] },
      });
      routes['POST /conversationhistory/conv2/exportMessageLog'] = () => ({ body: { $_type: 'MessageExportResult', hasMoreItems: false, items: [] } });
      routes['POST /conversationhistory/gone/exportMessageLog'] = () => notFound;
      await expect(gateway.messages.findBySourceId('conv1', 'tg-1', 1_700_000_000_000)).resolves.toEqual({ messageId: 'm1' });
      expect(server.requests).toHaveLength(1);
      await expect(gateway.messages.findBySourceId('conv2', 'tg-1', 1_700_000_000_000)).resolves.toBeUndefined();
      await expect(gateway.messages.findBySourceId('gone', 'tg-1', 1_700_000_000_000)).resolves.toBeUndefined();
    });

    it('gives up after a bounded number of pages when Unblu always reports more', async () => {
      let offset = 0;
      routes['POST /conversationhistory/conv1/exportMessageLog'] = () => {
        offset += 100;
        return { body: { $_type: 'MessageExportResult', hasMoreItems: true, nextOffset: offset, items: [entry(`m${offset}`, 'other')] } };
      };
      await expect(gateway.messages.findBySourceId('conv1', 'tg-1', 1_700_000_000_000)).resolves.toBeUndefined();
      expect(server.requests).toHaveLength(50);
    });

    it('maps errors as every other call does (403 without ADMIN: permanent)', async () => {
      routes['POST /conversationhistory/conv1/exportMessageLog'] = () => ({ status: 403, body: { $_type: 'Error', statusCode: 403, errorMessage: 'not ADMIN' } });
      const attempt = gateway.messages.findBySourceId('conv1', 'tg-1', 1_700_000_000_000);
      await expect(attempt).rejects.toBeInstanceOf(PermanentError);
      await expect(attempt).rejects.toMatchObject({ code: 'unblu.403', unbluMessage: 'not ADMIN' });
    });
  });

  describe('channels', () => {
    const wire = {
      $_type: 'CustomExternalMessengerChannel',
      type: 'CUSTOM',
      id: 'ch1',
      version: 3,
      name: 'Signal',
      webhookEndpoint: 'https://parley/unblu',
      webhookApiVersion: 'V4',
      webhookStatus: 'INACTIVE',
      messageStateHandledExternally: false,
      outboundTimeoutMillis: 5000,
      channelIcon: 'icon7',
      contactIdentifierFieldName: 'phone',
      metadata: { parley: '1' },
    };

    it('creates a V4 channel with outbound requests for new messages only', async () => {
      routes['POST /externalmessengers/create'] = (request) => ({ body: { ...(request.body as object), id: 'ch1', version: 0 } });
      const channel = await gateway.channels.create({ name: 'Signal', endpoint: 'https://parley/unblu', secret: 's3', metadata: { a: 'b' } });
      expect(channel).toMatchObject({ id: 'ch1', version: 0, status: 'ACTIVE', webhookApiVersion: 'V4', outboundTimeoutMillis: 10_000 });
      expect(server.requests[0]?.query).toEqual({ expand: 'metadata' });
      expect(server.requests[0]?.body).toEqual({
        $_type: 'CustomExternalMessengerChannel',
        type: 'CUSTOM',
        name: 'Signal',
        webhookEndpoint: 'https://parley/unblu',
        webhookApiVersion: 'V4',
        webhookSecret: 's3',
        webhookStatus: 'ACTIVE',
        messageStateHandledExternally: false,
        metadata: { a: 'b' },
        outboundSupported: false,
        outboundTimeoutMillis: 10_000,
        contactIdentifierFieldName: '',
        contactIdentifierFieldType: 'OTHER',
        supportsMultipleConversationsPerContact: true,
      });
    });

    it('updates over the current channel, keeping what Parley does not model and the caller version', async () => {
      routes['GET /externalmessengers/ch1/read'] = () => ({ body: { ...wire, version: 4 } });
      routes['POST /externalmessengers/update'] = (request) => ({ body: { ...(request.body as object), version: 5 } });
      const channel = await gateway.channels.update({
        id: 'ch1',
        version: 4,
        name: 'Signal',
        endpoint: 'https://parley-new/unblu',
        status: 'ACTIVE',
        webhookApiVersion: 'V4',
        messageStateHandledExternally: true,
      });
      expect(channel).toMatchObject({ version: 5, endpoint: 'https://parley-new/unblu', status: 'ACTIVE' });
      expect(server.requests[1]?.body).toMatchObject({
        id: 'ch1',
        version: 4,
        webhookEndpoint: 'https://parley-new/unblu',
        webhookStatus: 'ACTIVE',
        messageStateHandledExternally: true,
        channelIcon: 'icon7',
        contactIdentifierFieldName: 'phone',
        outboundTimeoutMillis: 5000,
        metadata: { parley: '1' },
      });
    });

    it('finds by name (undefined on 404), lists all pages and pings', async () => {
      routes['GET /externalmessengers/getByName'] = (request) => (request.query['name'] === 'Signal' ? { body: wire } : notFound);
      routes['POST /externalmessengers/searchCustom'] = (request) => {
        const offset = (request.body as { offset: number }).offset;
        return offset === 0
          ? { body: { $_type: 'CustomExternalMessengerChannelResult', hasMoreItems: true, nextOffset: 1, items: [wire] } }
          : { body: { $_type: 'CustomExternalMessengerChannelResult', hasMoreItems: false, items: [{ ...wire, id: 'ch2' }] } };
      };
      routes['POST /externalmessengers/ch1/sendPing'] = () => ({ body: { $_type: 'PingResponse', pingId: 'ping1' } });
      await expect(gateway.channels.findByName('Signal')).resolves.toMatchObject({ id: 'ch1', status: 'INACTIVE', metadata: { parley: '1' } });
      await expect(gateway.channels.findByName('Nope')).resolves.toBeUndefined();
      await expect(gateway.channels.list()).resolves.toHaveLength(2);
      await expect(gateway.channels.ping('ch1')).resolves.toBe('ping1');
      expect(server.requests[0]?.query).toEqual({ name: 'Signal', expand: 'metadata' });
    });
  });

  it('registers webhooks with apiVersion V4 and pings them by path', async () => {
    routes['POST /webhookregistrations/create'] = (request) => ({ body: { ...(request.body as object), id: 'w1', version: 0 } });
    routes['POST /webhookregistrations/w1/sendPing'] = () => ({ status: 204 });
    const registration = await gateway.webhooks.create({ name: 'parley', endpoint: 'https://parley/hooks', secret: 'x', events: ['conversation.ended'] });
    await gateway.webhooks.ping(registration.id);
    expect(server.requests[0]?.body).toEqual({
      $_type: 'WebhookRegistration',
      name: 'parley',
      status: 'ACTIVE',
      endpoint: 'https://parley/hooks',
      apiVersion: 'V4',
      secret: 'x',
      events: ['conversation.ended'],
    });
    expect(calls()).toEqual(['POST /webhookregistrations/create', 'POST /webhookregistrations/w1/sendPing']);
  });

  it('pings Unblu and checks the credentials with an ADMIN-only call', async () => {
    routes['GET /global/ping'] = () => ({ body: { $_type: 'GlobalPingResponse', status: 'OK' } });
    routes['POST /externalmessengers/searchCustom'] = () => ({ status: 403, body: { $_type: 'Error', statusCode: 403, errorMessage: 'not ADMIN' } });
    await expect(gateway.ping()).rejects.toMatchObject({ code: 'unblu.403', unbluMessage: 'not ADMIN' });
    expect(calls()).toEqual(['GET /global/ping', 'POST /externalmessengers/searchCustom']);
  });
});
