import { MemoryStore } from './memory-store.js';
import { describeParleyStoreContract } from './store-contract.js';

describeParleyStoreContract('MemoryStore', async () => new MemoryStore(), {
  reopen: async (store) => (store as MemoryStore).reopen(),
});

describe('MemoryStore', () => {
  it('starts empty: a new instance simulates a lost local store', async () => {
    const first = new MemoryStore();
    await first.keyValue('ns').set('k', 1);
    const emptied = new MemoryStore();
    expect(await emptied.keyValue('ns').get('k')).toBeUndefined();
    expect(await (await first.reopen()).keyValue('ns').get('k')).toBe(1);
  });
});
