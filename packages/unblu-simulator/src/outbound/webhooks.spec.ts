import { createHmac } from 'node:crypto';
import {
  API_VERSIONS,
  call,
  createChannel,
  entityPath,
  type Harness,
  ok,
  openChat,
  SECRET,
  startHarness,
  text,
  visitorSends,
} from '../test-support.spec-helper.js';

describe.each(API_VERSIONS)('webhook registrations (%s)', (apiVersion) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ apiVersion });
  });
  afterEach(() => h.close());

  const register = (events: string[], overrides: Record<string, unknown> = {}) =>
    ok(h.sim, 'POST', '/webhookregistrations/create', {
      $_type: 'WebhookRegistration',
      name: 'parley-lifecycle',
      endpoint: h.endpoint.url,
      secret: SECRET,
      events,
      ...overrides,
    });

  it('sends conversation.ended with the end reason, signed, to a subscribed registration', async () => {
    const registration = await register(['conversation.ended']);
    expect(registration).toMatchObject({ $_type: 'WebhookRegistration', status: 'ACTIVE', version: 1, apiVersion: apiVersion.toUpperCase() });
    const channel = await createChannel(h.sim, 'http://127.0.0.1:9/channel');
    const chat = await openChat(h.sim, channel.id);
    await h.sim.endConversation(chat.conversationId, 'ENDED_BY_PARTICIPANT', { comment: 'erledigt' });
    await h.sim.idle();

    expect(h.endpoint.requests).toHaveLength(1);
    const [request] = h.endpoint.requests;
    expect(request.headers).toMatchObject({
      'user-agent': 'Unblu-Hookshot',
      'x-unblu-event': 'conversation.ended',
      'x-unblu-retry-no': '0',
      'x-unblu-signature': createHmac('sha1', SECRET).update(request.raw).digest('hex'),
      'x-unblu-signature-256': createHmac('sha256', SECRET).update(request.raw).digest('hex'),
    });
    expect(request.headers['x-unblu-event-id']).toEqual(expect.any(String));
    expect(request.body).toMatchObject({
      $_type: 'ConversationEndedEvent',
      eventType: 'conversation.ended',
      endReason: 'ENDED_BY_PARTICIPANT',
      endComment: 'erledigt',
      endPerson: { $_type: 'PersonData', displayName: 'Anna Meier' },
      conversation: { $_type: 'ConversationData', id: chat.conversationId, state: 'ENDED', sourceId: chat.sourceId },
    });
  });

  it('sends created, new_message and message_state events in order, and nothing unsubscribed', async () => {
    await register(['conversation.created', 'conversation.new_message', 'conversation.message_state']);
    const channel = await createChannel(h.sim, 'http://127.0.0.1:9/channel');
    const chat = await openChat(h.sim, channel.id);
    await visitorSends(h.sim, chat, text('Hallo'));
    await h.sim.agentRead(chat.conversationId);
    await ok(h.sim, 'POST', `/conversations/${chat.conversationId}/end`, { reason: 'OTHER' });
    await h.sim.idle();
    expect(h.endpoint.requests.map((r) => r.headers['x-unblu-event'])).toEqual([
      'conversation.created',
      'conversation.new_message',
      'conversation.message_state',
      'conversation.message_state',
    ]);
    expect(h.endpoint.requests[1].body.conversationMessage).toMatchObject({ type: 'TEXT', text: 'Hallo' });
    expect(h.endpoint.requests.slice(2).map((r) => r.body.state)).toEqual(['DELIVERED', 'READ']);
  });

  it('sends nothing to an inactive registration', async () => {
    await register(['conversation.created'], { status: 'INACTIVE' });
    const channel = await createChannel(h.sim, 'http://127.0.0.1:9/channel');
    await openChat(h.sim, channel.id);
    await h.sim.idle();
    expect(h.endpoint.requests).toHaveLength(0);
  });

  it('pings a registration and answers 502 when its endpoint fails', async () => {
    const registration = await register(['conversation.ended']);
    const ping = () =>
      apiVersion === 'v4'
        ? call(h.sim, 'POST', `/webhookregistrations/${registration.id}/sendPing`)
        : call(h.sim, 'POST', '/webhookregistrations/ping', { id: registration.id });
    expect((await ping()).status).toBe(204);
    expect(h.endpoint.requests[0].headers['x-unblu-event']).toBe('ping');
    expect(h.endpoint.requests[0].body).toMatchObject({ $_type: 'WebhookPingEvent', eventType: 'ping', webhookConfiguration: { id: registration.id, secret: null } });
    h.endpoint.reply = () => ({ status: 500 });
    const failed = await ping();
    expect(failed.status).toBe(502);
    expect(failed.body.$_type).toBe('Error');
  });

  it('reads, finds, updates with version check, searches and deletes registrations', async () => {
    const registration = await register(['conversation.ended']);
    expect(await ok(h.sim, 'GET', entityPath(h.sim, 'webhookregistrations', registration.id, 'read'))).toEqual(registration);
    expect((await ok(h.sim, 'GET', '/webhookregistrations/getByName?name=parley-lifecycle')).id).toBe(registration.id);
    expect((await call(h.sim, 'GET', '/webhookregistrations/getByName?name=other')).status).toBe(404);
    const updated = await ok(h.sim, 'POST', '/webhookregistrations/update', { ...registration, events: ['conversation.created'] });
    expect(updated).toMatchObject({ version: 2, events: ['conversation.created'] });
    expect((await call(h.sim, 'POST', '/webhookregistrations/update', registration)).status).toBe(409);
    const found = await ok(h.sim, 'POST', '/webhookregistrations/search', { searchFilters: [{ field: 'NAME', operator: { type: 'EQUALS', value: 'parley-lifecycle' } }] });
    expect(found.items).toEqual([updated]);
    const several = await ok(h.sim, 'POST', '/webhookregistrations/readMultiple', [registration.id]);
    expect(apiVersion === 'v4' ? several : { items: several }).toMatchObject({ items: [updated] });
    expect((await call(h.sim, 'DELETE', entityPath(h.sim, 'webhookregistrations', registration.id, 'delete'))).status).toBe(204);
    expect((await call(h.sim, 'GET', entityPath(h.sim, 'webhookregistrations', registration.id, 'read'))).status).toBe(404);
  });
});

describe('channel ping', () => {
  it('v4: sends outbound.ping and returns the PingResponse; 502 when the answer does not echo the ping id', async () => {
    const h = await startHarness();
    try {
      const channel = await createChannel(h.sim, h.endpoint.url);
      const res = await call(h.sim, 'POST', `/externalmessengers/${channel.id}/sendPing`);
      expect(res.status).toBe(200);
      const [request] = h.endpoint.requests;
      expect(request.headers['x-unblu-service-name']).toBe('outbound.ping');
      expect(request.body).toMatchObject({ $_type: 'PingRequest', serviceName: 'outbound.ping', accountId: channel.accountId });
      expect(res.body).toEqual({ $_type: 'PingResponse', pingId: request.body.pingId });
      h.endpoint.reply = () => ({ body: { $_type: 'PingResponse', pingId: 'something-else' } });
      expect((await call(h.sim, 'POST', `/externalmessengers/${channel.id}/sendPing`)).status).toBe(502);
    } finally {
      await h.close();
    }
  });

  it('v3: pingCustomChannel sends the ping webhook and answers 204', async () => {
    const h = await startHarness({ apiVersion: 'v3' });
    try {
      const channel = await createChannel(h.sim, h.endpoint.url);
      const res = await call(h.sim, 'POST', '/externalmessengers/pingCustomChannel', { externalMessengerChannelId: channel.id });
      expect(res.status).toBe(204);
      expect(h.endpoint.requests[0].headers['x-unblu-event']).toBe('ping');
      expect(h.endpoint.requests[0].body).toMatchObject({ $_type: 'WebhookPingEvent', webhookConfiguration: { endpoint: h.endpoint.url } });
    } finally {
      await h.close();
    }
  });
});
