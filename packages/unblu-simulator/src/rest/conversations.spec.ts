import { startUnbluSimulator } from '../start-unblu-simulator.js';
import type { UnbluSimulator } from '../unblu-simulator.js';
import {
  API_VERSIONS,
  call,
  createChannel,
  entityPath,
  ID_PATTERN,
  ok,
  openChat,
  v4Conversation,
} from '../test-support.spec-helper.js';

describe.each(API_VERSIONS)('persons and conversations (%s)', (apiVersion) => {
  let sim: UnbluSimulator;
  let channelId: string;
  beforeEach(async () => {
    sim = await startUnbluSimulator({ apiVersion });
    channelId = (await createChannel(sim, 'http://127.0.0.1:9/hook')).id;
  });
  afterEach(() => sim.close());

  const bySource = (sourceId: string) =>
    call(sim, 'GET', `/conversations/getBySourceIdAndChannelId?sourceId=${sourceId}&externalMessengerChannelId=${channelId}`);

  it('updates a virtual person in place, keyed by sourceId, and finds it by source', async () => {
    const first = await ok(sim, 'POST', '/persons/createOrUpdateVirtual', { $_type: 'PersonData', sourceId: 'tg:42', firstName: 'Clara' });
    expect(first).toMatchObject({ $_type: 'PersonData', personSource: 'VIRTUAL', personType: 'VISITOR', displayName: 'Clara' });
    expect(first.id).toMatch(ID_PATTERN);
    const second = await ok(sim, 'POST', '/persons/createOrUpdateVirtual', { sourceId: 'tg:42', firstName: 'Clara', lastName: 'Kunde' });
    expect(second.id).toBe(first.id);
    expect(second.displayName).toBe('Clara Kunde');
    const found = await ok(sim, 'GET', '/persons/getBySource?personSource=VIRTUAL&sourceId=tg:42');
    expect(found.id).toBe(first.id);
    expect((await call(sim, 'GET', '/persons/getBySource?personSource=VIRTUAL&sourceId=nobody')).status).toBe(404);
    const missingSource = await call(sim, 'POST', '/persons/createOrUpdateVirtual', { firstName: 'x' });
    expect(missingSource.status).toBe(400);
    expect(missingSource.body.errorMessage).toContain('sourceId');
  });

  it('creates a queued messenger conversation with the visitor connected via the channel', async () => {
    const chat = await openChat(sim, channelId, 'chat-1');
    const conversation = await ok(sim, 'GET', entityPath(sim, 'conversations', chat.conversationId, 'read'));
    expect(conversation).toMatchObject({
      $_type: 'ConversationData',
      id: chat.conversationId,
      state: 'QUEUED',
      initialEngagementType: 'CHAT_REQUEST',
      externalMessengerChannelId: channelId,
      sourceId: 'chat-1',
      endTimestamp: null,
    });
    if (apiVersion === 'v4') {
      expect(conversation.externalParticipants).toEqual([
        expect.objectContaining({ $_type: 'ExternalParticipantData', externalMessengerContactId: chat.contactId, personId: chat.personId, participationType: 'CONTEXT_PERSON', state: 'ACTIVE' }),
      ]);
    } else {
      expect(conversation.participants).toEqual([
        expect.objectContaining({ $_type: 'ParticipantData', personId: chat.personId, connectedViaExternalMessenger: true }),
      ]);
      expect(conversation.contextPersonId).toBe(chat.personId);
    }
  });

  it('allows one active conversation per channel and sourceId and ignores ended ones when looking up', async () => {
    const chat = await openChat(sim, channelId, 'chat-7');
    expect((await bySource('chat-7')).body.id).toBe(chat.conversationId);

    const second = await call(sim, 'POST', '/conversations/create', secondConversationBody(sim, chat));
    expect(second.status).toBe(409);
    expect(second.body.errorMessage).toContain('sourceId');

    const ended = await ok(sim, 'POST', `/conversations/${chat.conversationId}/end`, { reason: 'EXTERNAL_CHANNEL_CLOSED' });
    expect(ended).toMatchObject({ state: 'ENDED', endReason: 'EXTERNAL_CHANNEL_CLOSED', endTimestamp: expect.any(Number) });
    const none = await bySource('chat-7');
    expect(none.status).toBe(404);
    expect(none.body.$_type).toBe('Error');

    const again = await ok(sim, 'POST', '/conversations/create', secondConversationBody(sim, chat));
    expect(again.id).not.toBe(chat.conversationId);
    expect((await bySource('chat-7')).body.id).toBe(again.id);
  });

  it('refuses to end a conversation twice and 404s unknown conversations', async () => {
    const chat = await openChat(sim, channelId);
    await ok(sim, 'POST', `/conversations/${chat.conversationId}/end`, { reason: 'OTHER' });
    expect((await call(sim, 'POST', `/conversations/${chat.conversationId}/end`, { reason: 'OTHER' })).status).toBe(409);
    expect((await call(sim, 'GET', entityPath(sim, 'conversations', 'AAAAAAAAAAAAAAAAAAAAAA', 'read'))).status).toBe(404);
  });

  it('rejects a conversation on an unknown channel and one without participants', async () => {
    const unknownChannel = await call(sim, 'POST', '/conversations/create', { externalMessengerChannelId: 'nope', sourceId: 's' });
    expect(unknownChannel.status).toBe(404);
    const empty = await call(sim, 'POST', '/conversations/create', { externalMessengerChannelId: channelId, sourceId: 's' });
    expect(empty.status).toBe(400);
    expect(empty.body.errorMessage).toContain('participants');
  });
});

/** A second conversation for the same chat and visitor, in the version's shape. */
function secondConversationBody(sim: UnbluSimulator, chat: Awaited<ReturnType<typeof openChat>>): Record<string, unknown> {
  return sim.apiVersion === 'v4'
    ? v4Conversation(chat.channelId, chat.contactId ?? '', chat.sourceId)
    : {
        externalMessengerChannelId: chat.channelId,
        sourceId: chat.sourceId,
        participants: [{ personId: chat.personId, connectedViaExternalMessenger: true }],
      };
}

describe('external messenger contacts (v4)', () => {
  let sim: UnbluSimulator;
  let channelId: string;
  beforeEach(async () => {
    sim = await startUnbluSimulator();
    channelId = (await createChannel(sim, 'http://127.0.0.1:9/hook')).id;
  });
  afterEach(() => sim.close());

  const person = () => ok(sim, 'POST', '/persons/createOrUpdateVirtual', { sourceId: `p-${Math.random()}` });
  const contact = (personId: string, sourceId: string) =>
    ok(sim, 'POST', '/externalmessengercontacts/create', { $_type: 'ExternalMessengerContact', externalMessengerChannelId: channelId, sourceId, personId });

  it('finds a contact by SOURCE_ID and EXTERNAL_MESSENGER_CHANNEL_ID', async () => {
    const p = await person();
    const wanted = await contact(p.id, '+41790000001');
    await contact((await person()).id, '+41790000002');
    const result = await ok(sim, 'POST', '/externalmessengercontacts/search', {
      $_type: 'ExternalMessengerContactQuery',
      searchFilters: [
        { $_type: 'SourceIdExternalMessengerContactSearchFilter', field: 'SOURCE_ID', operator: { $_type: 'EqualsStringOperator', type: 'EQUALS', value: '+41790000001' } },
        { field: 'EXTERNAL_MESSENGER_CHANNEL_ID', operator: { type: 'EQUALS', value: channelId } },
      ],
    });
    expect(result).toEqual({ $_type: 'ExternalMessengerContactResult', hasMoreItems: false, nextOffset: null, items: [wanted] });
    const none = await ok(sim, 'POST', '/externalmessengercontacts/search', {
      searchFilters: [{ field: 'EXTERNAL_MESSENGER_CHANNEL_ID', operator: { type: 'EQUALS', value: 'other' } }],
    });
    expect(none.items).toEqual([]);
  });

  it('reads, reads several, updates (but never relinks) and deletes contacts', async () => {
    const p = await person();
    const c = await contact(p.id, '+41790000003');
    expect(c).toMatchObject({ $_type: 'ExternalMessengerContact', personId: p.id, externalMessengerChannelId: channelId });
    expect(await ok(sim, 'GET', `/externalmessengercontacts/${c.id}/read`)).toEqual(c);
    const list = await ok(sim, 'POST', '/externalmessengercontacts/readMultiple', [c.id, 'unknown']);
    expect(list).toEqual({ $_type: 'ExternalMessengerContactList', items: [c] });
    const renamed = await ok(sim, 'POST', '/externalmessengercontacts/update', { ...c, name: 'Clara' });
    expect(renamed.name).toBe('Clara');
    const relink = await call(sim, 'POST', '/externalmessengercontacts/update', { ...c, personId: (await person()).id });
    expect(relink.status).toBe(400);
    expect((await call(sim, 'POST', '/externalmessengercontacts/create', { ...c, id: null })).status).toBe(409);
    expect((await call(sim, 'DELETE', `/externalmessengercontacts/${c.id}/delete`)).status).toBe(204);
    expect((await call(sim, 'GET', `/externalmessengercontacts/${c.id}/read`)).status).toBe(404);
  });

  it('ends a conversation whose context contact is deleted', async () => {
    const chat = await openChat(sim, channelId);
    await ok(sim, 'DELETE', `/externalmessengercontacts/${chat.contactId}/delete`);
    expect(sim.conversation(chat.conversationId)).toMatchObject({ state: 'ENDED', endReason: 'MANDATORY_PARTICIPANT_GONE' });
  });

  it('enforces one active conversation per contact when the channel does not support several', async () => {
    const single = await createChannel(sim, 'http://127.0.0.1:9/hook', { supportsMultipleConversationsPerContact: false });
    const chat = await openChat(sim, single.id, 'a');
    const res = await call(sim, 'POST', '/conversations/create', v4Conversation(single.id, chat.contactId ?? '', 'b'));
    expect(res.status).toBe(409);
  });
});
