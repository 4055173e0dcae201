import type { MessageMapping } from '@parley/core';
import { NOW, type StoreFixture } from './fixture.js';

function mapping(overrides: Partial<MessageMapping> = {}): MessageMapping {
  return {
    parleyId: 'p-1',
    direction: 'inbound',
    messengerId: 'telegram',
    chatId: 'chat-1',
    createdAt: NOW,
    ...overrides,
  };
}

export function describeMessageContract(fixture: StoreFixture): void {
  describe('message mappings', () => {
    it('records a mapping that every lookup finds', async () => {
      const full = mapping({ conversationId: 'conv-1', externalMessageId: 'ext-1', unbluMessageId: 'u-1' });
      await fixture.store.messages.record(full);
      expect(await fixture.store.messages.byParleyId('p-1')).toEqual(full);
      expect(await fixture.store.messages.byExternalId('telegram', 'ext-1')).toEqual(full);
      expect(await fixture.store.messages.byUnbluId('u-1')).toEqual(full);
    });

    it('finds nothing for unknown ids or another messenger', async () => {
      await fixture.store.messages.record(mapping({ externalMessageId: 'ext-1', unbluMessageId: 'u-1' }));
      expect(await fixture.store.messages.byParleyId('p-2')).toBeUndefined();
      expect(await fixture.store.messages.byExternalId('signal', 'ext-1')).toBeUndefined();
      expect(await fixture.store.messages.byExternalId('telegram', 'ext-2')).toBeUndefined();
      expect(await fixture.store.messages.byUnbluId('u-2')).toBeUndefined();
    });

    it('completes a mapping: missing ids are filled in, ids already set are never overwritten', async () => {
      await fixture.store.messages.record(mapping({ direction: 'outbound', unbluMessageId: 'u-1' }));
      await fixture.store.messages.record(
        mapping({ direction: 'outbound', externalMessageId: 'ext-1', conversationId: 'conv-1' }),
      );
      await fixture.store.messages.record(
        mapping({
          direction: 'outbound',
          externalMessageId: 'ext-other',
          unbluMessageId: 'u-other',
          conversationId: 'conv-other',
        }),
      );
      const expected = mapping({
        direction: 'outbound',
        unbluMessageId: 'u-1',
        externalMessageId: 'ext-1',
        conversationId: 'conv-1',
      });
      expect(await fixture.store.messages.byParleyId('p-1')).toEqual(expected);
      expect(await fixture.store.messages.byExternalId('telegram', 'ext-1')).toEqual(expected);
      expect(await fixture.store.messages.byExternalId('telegram', 'ext-other')).toBeUndefined();
      expect(await fixture.store.messages.byUnbluId('u-other')).toBeUndefined();
    });

    it('keeps the fields of the first record: direction, chat and creation time', async () => {
      await fixture.store.messages.record(mapping());
      await fixture.store.messages.record(mapping({ direction: 'outbound', chatId: 'chat-2', createdAt: NOW + 1 }));
      expect(await fixture.store.messages.byParleyId('p-1')).toEqual(mapping());
    });

    it('refuses a second message with the same external id of one messenger, storing nothing of it', async () => {
      await fixture.store.messages.record(mapping({ externalMessageId: 'ext-1' }));
      await expect(
        fixture.store.messages.record(mapping({ parleyId: 'p-2', externalMessageId: 'ext-1', unbluMessageId: 'u-2' })),
      ).rejects.toThrow();
      expect(await fixture.store.messages.byParleyId('p-2')).toBeUndefined();
      expect(await fixture.store.messages.byUnbluId('u-2')).toBeUndefined();
      expect((await fixture.store.messages.byExternalId('telegram', 'ext-1'))?.parleyId).toBe('p-1');
    });

    it('allows the same external id on different messengers', async () => {
      await fixture.store.messages.record(mapping({ externalMessageId: 'ext-1' }));
      await fixture.store.messages.record(mapping({ parleyId: 'p-2', messengerId: 'signal', externalMessageId: 'ext-1' }));
      expect((await fixture.store.messages.byExternalId('signal', 'ext-1'))?.parleyId).toBe('p-2');
      expect((await fixture.store.messages.byExternalId('telegram', 'ext-1'))?.parleyId).toBe('p-1');
    });

    it('refuses a second message with the same Unblu id, also when completing a mapping', async () => {
      await fixture.store.messages.record(mapping({ unbluMessageId: 'u-1' }));
      await fixture.store.messages.record(mapping({ parleyId: 'p-2', messengerId: 'signal' }));
      await expect(
        fixture.store.messages.record(mapping({ parleyId: 'p-2', messengerId: 'signal', unbluMessageId: 'u-1' })),
      ).rejects.toThrow();
      expect(await fixture.store.messages.byParleyId('p-2')).toEqual(mapping({ parleyId: 'p-2', messengerId: 'signal' }));
      expect((await fixture.store.messages.byUnbluId('u-1'))?.parleyId).toBe('p-1');
    });

    it('keeps many messages without ids apart', async () => {
      await fixture.store.messages.record(mapping({ parleyId: 'p-1' }));
      await fixture.store.messages.record(mapping({ parleyId: 'p-2' }));
      expect((await fixture.store.messages.byParleyId('p-2'))?.parleyId).toBe('p-2');
    });
  });
}
