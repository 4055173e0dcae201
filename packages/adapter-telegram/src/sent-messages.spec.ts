import { SentMessages } from './sent-messages.js';

describe('SentMessages', () => {
  it('runs a key once and returns the first result again', async () => {
    const sent = new SentMessages<number>();
    let calls = 0;
    const send = () => Promise.resolve(++calls);
    expect(await sent.once('a', send)).toBe(1);
    expect(await sent.once('a', send)).toBe(1);
    expect(await sent.once('b', send)).toBe(2);
  });

  it('shares a call in flight', async () => {
    const sent = new SentMessages<string>();
    let calls = 0;
    const send = () => new Promise<string>((resolve) => setTimeout(() => resolve(`r${++calls}`), 10));
    const [first, second] = await Promise.all([sent.once('a', send), sent.once('a', send)]);
    expect([first, second, calls]).toEqual(['r1', 'r1', 1]);
  });

  it('forgets a failure so the next attempt sends', async () => {
    const sent = new SentMessages<string>();
    await expect(sent.once('a', () => Promise.reject(new Error('429')))).rejects.toThrow('429');
    expect(await sent.once('a', () => Promise.resolve('ok'))).toBe('ok');
  });

  it('forgets the oldest keys beyond its capacity', async () => {
    const sent = new SentMessages<string>(2);
    await sent.once('a', () => Promise.resolve('a1'));
    await sent.once('b', () => Promise.resolve('b1'));
    await sent.once('c', () => Promise.resolve('c1'));
    expect(await sent.once('a', () => Promise.resolve('a2'))).toBe('a2');
    expect(await sent.once('c', () => Promise.resolve('c2'))).toBe('c1');
  });
});
