import type { RecordingServer } from '../testing/recording-server.js';
import { notFound, startScriptedUnblu, type Routes, type ScriptedUnblu } from '../testing/scripted-unblu.js';
import type { UnbluV3Gateway } from './v3-gateway.js';

/** Unblu 7 installations often live under `/unblu`. */
const PREFIX = '/unblu/rest/v3';

describe('UnbluV3Gateway request shapes', () => {
  let server: RecordingServer;
  let gateway: UnbluV3Gateway;
  let routes: Routes;
  let unblu: ScriptedUnblu<'v3'>;

  beforeEach(async () => {
    unblu = await startScriptedUnblu('v3', PREFIX);
    ({ server, gateway, routes } = unblu);
  });
  afterEach(async () => unblu.close());

  const calls = (): string[] => unblu.calls();

  it('upserts a visitor as a virtual person only, without contact', async () => {
    routes['POST /persons/createOrUpdateVirtual'] = () => ({ body: { $_type: 'PersonData', id: 'person1' } });
    const visitor = await gateway.visitors.upsert({ channelId: 'ch1', externalId: '12345', personSourceId: 'telegram:12345', nickname: 'anna_b' });
    expect(visitor).toEqual({ personId: 'person1' });
    expect(calls()).toEqual(['POST /persons/createOrUpdateVirtual']);
    expect(server.requests[0]?.headers['authorization']).toBe(`Basic ${Buffer.from('svc:secret').toString('base64')}`);
    expect(server.requests[0]?.body).toEqual({
      $_type: 'PersonData',
      personSource: 'VIRTUAL',
      sourceId: 'telegram:12345',
      personType: 'VISITOR',
      nickname: 'anna_b',
    });
  });

  it('creates the conversation from ConversationData with the person connected via the messenger', async () => {
    routes['POST /conversations/create'] = (request) => ({ body: { ...(request.body as object), id: 'conv1', state: 'QUEUED', creationTimestamp: 7 } });
    const conversation = await gateway.conversations.create({
      channelId: 'ch1',
      sourceId: 'chat-42',
      visitor: { personId: 'person1' },
      recipient: { type: 'TEAM', id: 'team1' },
      visitorData: 'vip',
    });
    expect(conversation).toEqual({ id: 'conv1', state: 'QUEUED', channelId: 'ch1', sourceId: 'chat-42', creationTimestamp: 7 });
    expect(server.requests[0]?.body).toEqual({
      $_type: 'ConversationData',
      initialEngagementType: 'CHAT_REQUEST',
      visitorData: 'vip',
      externalMessengerChannelId: 'ch1',
      sourceId: 'chat-42',
      recipient: { $_type: 'TeamData', id: 'team1' },
      participants: [{ $_type: 'ParticipantData', personId: 'person1', connectedViaExternalMessenger: true, hidden: false, conversationStarred: false }],
      contextPersonId: 'person1',
    });
  });

  it('reads conversations by query id and ends them by path id', async () => {
    routes['GET /conversations/read'] = (request) => (request.query['id'] === 'c1' ? { body: { $_type: 'ConversationData', id: 'c1', state: 'ACTIVE' } } : notFound);
    routes['POST /conversations/c1/end'] = () => ({ body: { $_type: 'ConversationData', id: 'c1', state: 'ENDED' } });
    await expect(gateway.conversations.read('c1')).resolves.toMatchObject({ id: 'c1', state: 'ACTIVE' });
    await expect(gateway.conversations.read('c2')).resolves.toBeUndefined();
    await expect(gateway.conversations.end('c1', 'OTHER')).resolves.toMatchObject({ state: 'ENDED' });
    expect(server.requests.at(-1)?.body).toEqual({ reason: 'OTHER' });
  });

  it.each([
    ['a JSON string', '"m-77"'],
    ['bare text', 'm-77'],
  ])('sends a message with channel and sender person in the body, answered by %s', async (_label, answer) => {
    routes['POST /externalmessengers/sendMessage'] = () => ({ headers: { 'Content-Type': 'application/json' }, body: Buffer.from(answer) });
    const result = await gateway.messages.send({
      channelId: 'ch1',
      conversationId: 'conv1',
      visitor: { personId: 'person1' },
      sourceId: 'tg-1',
      content: { kind: 'file', fileName: 'a.txt', mimeType: 'text/plain', data: new Uint8Array(Buffer.from('hi')) },
    });
    expect(result).toEqual({ messageId: 'm-77' });
    expect(server.requests[0]?.body).toEqual({
      $_type: 'ExternalMessengerPostMessage',
      conversationId: 'conv1',
      externalMessengerChannelId: 'ch1',
      senderPersonId: 'person1',
      sourceId: 'tg-1',
      messageData: { $_type: 'FilePostMessageData', type: 'FILE', fileName: 'a.txt', fileData: 'data:text/plain;base64,aGk=' },
    });
  });

  it('reports states with the channel id in the body, failedState and the person id', async () => {
    for (const name of ['messageSendFailed', 'messageSentSuccessfully', 'messageDelivered', 'messageRead']) {
      routes[`POST /externalmessengers/${name}`] = () => ({ status: 204 });
    }
    const ref = { channelId: 'ch1', conversationId: 'conv1', messageId: 'm9' };
    await gateway.messages.sendFailed(ref, 'RETRYABLE', 'Signal is down');
    await gateway.messages.sentSuccessfully(ref);
    await gateway.messages.delivered({ ...ref, visitor: { personId: 'person1' } });
    await gateway.messages.read(ref);
    expect(calls()).toEqual([
      'POST /externalmessengers/messageSendFailed',
      'POST /externalmessengers/messageSentSuccessfully',
      'POST /externalmessengers/messageDelivered',
      'POST /externalmessengers/messageRead',
    ]);
    expect(server.requests.map((request) => request.body)).toEqual([
      { conversationId: 'conv1', externalMessengerChannelId: 'ch1', messageId: 'm9', failedState: 'RETRYABLE', failureText: 'Signal is down' },
      { conversationId: 'conv1', externalMessengerChannelId: 'ch1', messageId: 'm9' },
      { conversationId: 'conv1', externalMessengerChannelId: 'ch1', messageId: 'm9', personId: 'person1' },
      { conversationId: 'conv1', externalMessengerChannelId: 'ch1', messageId: 'm9' },
    ]);
  });

  it('manages channels with ids as query parameters and pings through pingCustomChannel', async () => {
    const wire = { $_type: 'CustomExternalMessengerChannel', type: 'CUSTOM', id: 'ch1', version: 2, name: 'Mail', webhookEndpoint: 'https://p/u', webhookApiVersion: 'V3' };
    routes['POST /externalmessengers/create'] = (request) => ({ body: { ...(request.body as object), id: 'ch1', version: 0 } });
    routes['GET /externalmessengers/read'] = (request) => (request.query['id'] === 'ch1' ? { body: wire } : notFound);
    routes['DELETE /externalmessengers/delete'] = () => ({ status: 204 });
    routes['POST /externalmessengers/pingCustomChannel'] = () => ({ status: 204 });

    await gateway.channels.create({ name: 'Mail', endpoint: 'https://p/u', outboundTimeoutMillis: 3000 });
    await expect(gateway.channels.read('ch1')).resolves.toMatchObject({ id: 'ch1', webhookApiVersion: 'V3' });
    await expect(gateway.channels.read('gone')).resolves.toBeUndefined();
    await gateway.channels.delete('ch1');
    await expect(gateway.channels.ping('ch1')).resolves.toBe('');

    const [create, read, , remove, ping] = server.requests;
    expect(create?.body).toEqual({
      $_type: 'CustomExternalMessengerChannel',
      type: 'CUSTOM',
      name: 'Mail',
      webhookEndpoint: 'https://p/u',
      webhookApiVersion: 'V3',
      webhookStatus: 'ACTIVE',
      messageStateHandledExternally: false,
    });
    expect(read?.query).toEqual({ id: 'ch1', expand: 'metadata' });
    expect(remove?.query).toEqual({ id: 'ch1' });
    expect(ping?.body).toEqual({ externalMessengerChannelId: 'ch1' });
  });

  it('handles webhook registrations with V3, query ids and the ping body', async () => {
    routes['POST /webhookregistrations/create'] = (request) => ({ body: { ...(request.body as object), id: 'w1', version: 0 } });
    routes['GET /webhookregistrations/getByName'] = () => notFound;
    routes['POST /webhookregistrations/ping'] = () => ({ status: 204 });
    await gateway.webhooks.create({ name: 'parley', endpoint: 'https://p/hooks', events: ['conversation.ended'] });
    await expect(gateway.webhooks.findByName('other')).resolves.toBeUndefined();
    await gateway.webhooks.ping('w1');
    expect(server.requests[0]?.body).toMatchObject({ $_type: 'WebhookRegistration', apiVersion: 'V3' });
    expect(server.requests[1]?.query).toEqual({ name: 'other' });
    expect(server.requests[2]?.body).toEqual({ id: 'w1' });
  });
});
