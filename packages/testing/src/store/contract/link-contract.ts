import { NOW, newLink, type StoreFixture } from './fixture.js';

export function describeLinkContract(fixture: StoreFixture): void {
  describe('links', () => {
    it('opens an active link that both lookups find, visitor included', async () => {
      const link = await fixture.store.links.open(newLink());
      expect(link).toEqual({ ...newLink(), state: 'active' });
      expect(link.closedAt).toBeUndefined();
      expect(await fixture.store.links.findActive('telegram', 'chat-1')).toEqual(link);
      expect(await fixture.store.links.findByConversation('conv-1')).toEqual(link);
    });

    it('finds nothing for unknown chats and conversations', async () => {
      await fixture.store.links.open(newLink());
      expect(await fixture.store.links.findActive('telegram', 'chat-2')).toBeUndefined();
      expect(await fixture.store.links.findActive('signal', 'chat-1')).toBeUndefined();
      expect(await fixture.store.links.findByConversation('conv-2')).toBeUndefined();
    });

    it('keeps the existing active link of a chat: a second open returns it unchanged', async () => {
      const first = await fixture.store.links.open(newLink());
      const second = await fixture.store.links.open(
        newLink({ conversationId: 'conv-2', channelId: 'channel-2', createdAt: NOW + 5 }),
      );
      expect(second).toEqual(first);
      expect(await fixture.store.links.findByConversation('conv-2')).toBeUndefined();
      expect(await fixture.store.links.findActive('telegram', 'chat-1')).toEqual(first);
    });

    it('returns the existing link when its conversation id is opened again, even for another chat', async () => {
      const first = await fixture.store.links.open(newLink());
      const again = await fixture.store.links.open(newLink({ chatId: 'chat-9', createdAt: NOW + 1 }));
      expect(again).toEqual(first);
      expect(await fixture.store.links.findActive('telegram', 'chat-9')).toBeUndefined();
    });

    it('keeps chats of different messengers apart', async () => {
      const telegram = await fixture.store.links.open(newLink());
      const signal = await fixture.store.links.open(newLink({ messengerId: 'signal', conversationId: 'conv-2' }));
      expect(signal.conversationId).toBe('conv-2');
      expect(await fixture.store.links.findActive('telegram', 'chat-1')).toEqual(telegram);
      expect(await fixture.store.links.findActive('signal', 'chat-1')).toEqual(signal);
    });

    it('closes a link: no active link afterwards, the closed one stays findable by conversation', async () => {
      await fixture.store.links.open(newLink());
      expect(await fixture.store.links.close('conv-1', NOW + 10)).toBe(true);
      expect(await fixture.store.links.findActive('telegram', 'chat-1')).toBeUndefined();
      expect(await fixture.store.links.findByConversation('conv-1')).toEqual({
        ...newLink(),
        state: 'closed',
        closedAt: NOW + 10,
      });
    });

    it('answers false when closing an unknown or already closed link, and changes nothing', async () => {
      expect(await fixture.store.links.close('conv-unknown', NOW)).toBe(false);
      await fixture.store.links.open(newLink());
      await fixture.store.links.close('conv-1', NOW + 10);
      expect(await fixture.store.links.close('conv-1', NOW + 20)).toBe(false);
      expect((await fixture.store.links.findByConversation('conv-1'))?.closedAt).toBe(NOW + 10);
    });

    it('opens a new link for the chat after the old one was closed', async () => {
      await fixture.store.links.open(newLink());
      await fixture.store.links.close('conv-1', NOW + 10);
      const next = await fixture.store.links.open(newLink({ conversationId: 'conv-2', createdAt: NOW + 20 }));
      expect(next).toEqual({ ...newLink({ conversationId: 'conv-2', createdAt: NOW + 20 }), state: 'active' });
      expect(await fixture.store.links.findActive('telegram', 'chat-1')).toEqual(next);
      expect((await fixture.store.links.findByConversation('conv-1'))?.state).toBe('closed');
    });

    it('returns the closed link when a closed conversation id is opened again', async () => {
      await fixture.store.links.open(newLink());
      await fixture.store.links.close('conv-1', NOW + 10);
      const again = await fixture.store.links.open(newLink({ createdAt: NOW + 20 }));
      expect(again).toMatchObject({ conversationId: 'conv-1', state: 'closed', closedAt: NOW + 10 });
      expect(await fixture.store.links.findActive('telegram', 'chat-1')).toBeUndefined();
    });

    it('stores a visitor without contact id and hands out copies', async () => {
      const link = await fixture.store.links.open(newLink({ visitor: { personId: 'p-7' } }));
      expect(link.visitor).toEqual({ personId: 'p-7' });
      link.visitor.personId = 'mutated';
      expect((await fixture.store.links.findByConversation('conv-1'))?.visitor).toEqual({ personId: 'p-7' });
    });
  });
}
