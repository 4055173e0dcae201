import { waitUntil } from './wait-until.js';

describe('waitUntil', () => {
  it('resolves with the first truthy value of the probe', async () => {
    let calls = 0;
    await expect(waitUntil('the third call', () => (++calls >= 3 ? `call ${calls}` : undefined), 1000, 1)).resolves.toBe('call 3');
  });

  it('rejects naming what it waited for', async () => {
    await expect(waitUntil('the moon', () => false, 30, 5)).rejects.toThrow('timed out after 30 ms waiting for the moon');
  });

  it('ends with the error a probe throws', async () => {
    await expect(waitUntil('x', () => Promise.reject(new Error('probe broke')), 1000)).rejects.toThrow('probe broke');
  });
});
