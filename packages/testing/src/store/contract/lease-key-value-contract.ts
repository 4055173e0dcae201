import { NOW, type StoreFixture } from './fixture.js';

export function describeLeaseContract(fixture: StoreFixture): void {
  describe('leases', () => {
    it('grants a free lease, renews it for its owner and refuses others while it runs', async () => {
      const { leases } = fixture.store;
      expect(await leases.acquire('poller', 'a', 1000, NOW)).toBe(true);
      expect(await leases.acquire('poller', 'b', 1000, NOW + 500)).toBe(false);
      expect(await leases.acquire('poller', 'a', 1000, NOW + 900)).toBe(true);
      expect(await leases.acquire('poller', 'b', 1000, NOW + 1899)).toBe(false);
      expect(await leases.acquire('other', 'b', 1000, NOW)).toBe(true);
    });

    it('hands an expired lease to another owner, and then refuses the old one', async () => {
      const { leases } = fixture.store;
      await leases.acquire('poller', 'a', 1000, NOW);
      expect(await leases.acquire('poller', 'b', 1000, NOW + 1000)).toBe(true);
      expect(await leases.acquire('poller', 'a', 1000, NOW + 1001)).toBe(false);
    });

    it('release frees the lease for its owner only', async () => {
      const { leases } = fixture.store;
      await leases.acquire('poller', 'a', 60_000, NOW);
      await leases.release('poller', 'b');
      expect(await leases.acquire('poller', 'b', 1000, NOW + 1)).toBe(false);
      await leases.release('poller', 'a');
      expect(await leases.acquire('poller', 'b', 1000, NOW + 2)).toBe(true);
      await leases.release('never-taken', 'a');
    });
  });
}

export function describeKeyValueContract(fixture: StoreFixture): void {
  describe('key/value state', () => {
    it('stores JSON values per key and answers undefined for missing ones', async () => {
      const state = fixture.store.keyValue('telegram');
      expect(await state.get('offset')).toBeUndefined();
      const values: unknown[] = [42, 'text ✓', true, false, null, [1, { a: 'b' }], { uidValidity: 7, nested: { x: [] } }];
      for (const [index, value] of values.entries()) await state.set(`k${index}`, value);
      for (const [index, value] of values.entries()) expect(await state.get(`k${index}`)).toEqual(value);
    });

    it('overwrites and deletes keys', async () => {
      const state = fixture.store.keyValue('telegram');
      await state.set('offset', 1);
      await state.set('offset', 2);
      expect(await state.get<number>('offset')).toBe(2);
      await state.delete('offset');
      expect(await state.get('offset')).toBeUndefined();
      await state.delete('never-set');
    });

    it('keeps namespaces apart', async () => {
      const telegram = fixture.store.keyValue('telegram');
      const signal = fixture.store.keyValue('signal');
      await telegram.set('cursor', 'a');
      await signal.set('cursor', 'b');
      expect(await telegram.get('cursor')).toBe('a');
      expect(await signal.get('cursor')).toBe('b');
      await telegram.delete('cursor');
      expect(await signal.get('cursor')).toBe('b');
      expect(await fixture.store.keyValue('telegram').get('cursor')).toBeUndefined();
    });

    it('stores a copy: later mutation of the value changes nothing', async () => {
      const state = fixture.store.keyValue('email');
      const value = { folders: ['INBOX'] };
      await state.set('mailbox', value);
      value.folders.push('Spam');
      const read = await state.get<{ folders: string[] }>('mailbox');
      expect(read).toEqual({ folders: ['INBOX'] });
      read?.folders.push('Other');
      expect(await state.get('mailbox')).toEqual({ folders: ['INBOX'] });
    });
  });
}
