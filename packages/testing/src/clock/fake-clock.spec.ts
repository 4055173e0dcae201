import { FakeClock } from './fake-clock.js';

describe('FakeClock', () => {
  it('starts at a fixed time, or the one given', () => {
    expect(new FakeClock().now()).toBe(Date.UTC(2025, 0, 1));
    expect(new FakeClock(42).now()).toBe(42);
  });

  it('wakes a sleeper only once time has reached its due time', async () => {
    const clock = new FakeClock(0);
    let woke = false;
    const sleeping = clock.sleep(100).then(() => (woke = true));
    await clock.advance(99);
    expect(woke).toBe(false);
    await clock.advance(1);
    expect(woke).toBe(true);
    await sleeping;
  });

  it('wakes sleepers in due order, each seeing its own due time', async () => {
    const clock = new FakeClock(0);
    const seen: string[] = [];
    const sleep = (name: string, ms: number) => clock.sleep(ms).then(() => seen.push(`${name}@${clock.now()}`));
    const all = Promise.all([sleep('c', 30), sleep('a', 10), sleep('b', 20), sleep('a2', 10)]);
    await clock.advance(50);
    await all;
    expect(seen).toEqual(['a@10', 'a2@10', 'b@20', 'c@30']);
    expect(clock.now()).toBe(50);
  });

  it('lets a loop sleep again within the advanced span', async () => {
    const clock = new FakeClock(0);
    const ticks: number[] = [];
    const controller = new AbortController();
    const loop = (async () => {
      for (;;) {
        await clock.sleep(10, controller.signal);
        ticks.push(clock.now());
      }
    })();
    await clock.advance(35);
    expect(ticks).toEqual([10, 20, 30]);
    controller.abort(new Error('done'));
    await expect(loop).rejects.toThrow('done');
  });

  it('rejects with the abort reason and forgets the sleeper', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(1_000, controller.signal);
    expect(clock.pendingTimers).toBe(1);
    controller.abort(new Error('shutting down'));
    await expect(sleeping).rejects.toThrow('shutting down');
    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects at once for an already aborted signal and resolves at once for ms <= 0', async () => {
    const clock = new FakeClock();
    await expect(clock.sleep(10, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    await expect(clock.sleep(0)).resolves.toBeUndefined();
    expect(clock.pendingTimers).toBe(0);
  });

  it('runs until idle, jumping time to each timer', async () => {
    const clock = new FakeClock(0);
    const chain = clock.sleep(5).then(() => clock.sleep(7)).then(() => clock.now());
    expect(await clock.runUntilIdle()).toBe(2);
    await expect(chain).resolves.toBe(12);
    expect(clock.nextDue).toBeUndefined();
  });

  it('refuses to run a never-ending sleep loop until idle', async () => {
    const clock = new FakeClock(0);
    const controller = new AbortController();
    const loop = (async () => {
      for (;;) await clock.sleep(1, controller.signal);
    })();
    await expect(clock.runUntilIdle(50)).rejects.toThrow(/still busy after 50 timers/);
    controller.abort(new Error('stop'));
    await expect(loop).rejects.toThrow('stop');
  });

  it('waits until the code under test has gone to sleep', async () => {
    const clock = new FakeClock(0);
    const worker = (async () => {
      await Promise.resolve();
      await new Promise((resolve) => setImmediate(resolve));
      await clock.sleep(10);
      return clock.now();
    })();
    await clock.untilSleeping(1);
    expect(clock.nextDue).toBe(10);
    await clock.advance(10);
    await expect(worker).resolves.toBe(10);
    await expect(clock.untilSleeping(1, 3)).rejects.toThrow(/0 of 1 sleepers/);
  });

  it('rejects a negative or infinite advance', async () => {
    await expect(new FakeClock().advance(-1)).rejects.toThrow(RangeError);
    await expect(new FakeClock().advance(Infinity)).rejects.toThrow(RangeError);
  });
});
