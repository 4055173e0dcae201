import { TransientError, silentLogger } from '@parley/core';
import type { Kysely } from 'kysely';
import { GroupCommit, type MergedLane } from './group-commit.js';
import type { StoreDatabase } from './schema.js';

/*
 * The batching logic alone, over a fake transaction that records what happens: the SQL behind it
 * is covered by the store contract on SQLite and PostgreSQL.
 */

class FakeDatabase {
  readonly log: string[] = [];
  transactions = 0;
  commitGate: Promise<void> = Promise.resolve();

  startTransaction() {
    return {
      execute: async () => {
        const id = ++this.transactions;
        this.log.push(`begin ${id}`);
        return {
          commit: () => ({
            execute: async () => {
              await this.commitGate;
              this.log.push(`commit ${id}`);
            },
          }),
          rollback: () => ({ execute: async () => void this.log.push(`rollback ${id}`) }),
        };
      },
    };
  }
}

function setUp(maxConcurrentBatches = 1) {
  const fake = new FakeDatabase();
  const commit = new GroupCommit(fake as unknown as Kysely<StoreDatabase>, {
    maxBatchSize: 100,
    maxConcurrentBatches,
    maxConflictRetries: 3,
    logger: silentLogger,
  });
  return { fake, commit };
}

function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('GroupCommit', () => {
  it('runs the calls that arrive during a transaction together in the next one', async () => {
    const { fake, commit } = setUp();
    const first = gate();
    fake.commitGate = first.promise;
    const calls = [commit.submit('a', async () => 0)];
    await Promise.resolve();
    for (let i = 1; i <= 50; i++) calls.push(commit.submit(`k${i}`, async () => i));
    first.open();
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 51 }, (_, i) => i));
    expect(fake.transactions).toBe(2);
  });

  it('settles a call only after its COMMIT', async () => {
    const { fake, commit } = setUp();
    const held = gate();
    fake.commitGate = held.promise;
    let settled = false;
    const call = commit.submit('a', async () => 'done').then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    held.open();
    await call;
    expect(fake.log).toEqual(['begin 1', 'commit 1']);
  });

  it('keeps the calls of one key out of concurrent transactions, in submission order', async () => {
    const { fake, commit } = setUp(2);
    const slow = gate();
    const ran: string[] = [];
    const first = commit.submit('k1', async () => {
      await slow.promise;
      ran.push('k1-a');
    });
    await new Promise((resolve) => setImmediate(resolve));
    const later = commit.submit('k1', async () => void ran.push('k1-b'));
    const other = commit.submit('k2', async () => void ran.push('k2'));
    await other;
    expect(ran).toEqual(['k2']);
    slow.open();
    await Promise.all([first, later]);
    expect(ran).toEqual(['k2', 'k1-a', 'k1-b']);
    expect(fake.transactions).toBe(3);
  });

  it('runs a batch in key order', async () => {
    const { fake, commit } = setUp();
    const held = gate();
    fake.commitGate = held.promise;
    const ran: string[] = [];
    const first = commit.submit('m', async () => void ran.push('m'));
    await Promise.resolve();
    const rest = ['z', 'b', 'a', 'b'].map((key, i) => commit.submit(key, async () => void ran.push(`${key}${i}`)));
    held.open();
    await Promise.all([first, ...rest]);
    expect(ran).toEqual(['m', 'a2', 'b1', 'b3', 'z0']);
  });

  it('rolls back and re-runs without a failing call; the others commit', async () => {
    const { fake, commit } = setUp();
    const held = gate();
    fake.commitGate = held.promise;
    const first = commit.submit('a', async () => 'first');
    await Promise.resolve();
    const good = commit.submit('b', async () => 'good');
    const bad = commit.submit('c', async () => {
      throw new Error('unique constraint failed');
    });
    const alsoGood = commit.submit('d', async () => 'also good');
    held.open();
    await expect(bad).rejects.toThrow('unique constraint failed');
    await expect(Promise.all([first, good, alsoGood])).resolves.toEqual(['first', 'good', 'also good']);
    expect(fake.log).toEqual(['begin 1', 'commit 1', 'begin 2', 'rollback 2', 'begin 3', 'commit 3']);
  });

  it('finds the failing call of a merged batch by running its calls one by one', async () => {
    const { fake, commit } = setUp();
    const held = gate();
    fake.commitGate = held.promise;
    const lane: MergedLane<string, string> = {
      name: 'upper',
      run: async (_db, items) => {
        if (items.includes('bad')) throw new Error(`refused ${items.join(',')}`);
        return items.map((item) => item.toUpperCase());
      },
    };
    const first = commit.submit('x', async () => 'x');
    await Promise.resolve();
    const results = ['a', 'bad', 'c'].map((item) => commit.submitMerged(lane, item, item));
    held.open();
    await first;
    await expect(results[1]).rejects.toThrow('refused bad');
    await expect(Promise.all([results[0], results[2]])).resolves.toEqual(['A', 'C']);
    // merged: rolled back; one by one: a ok, bad rolled back; a and c committed together.
    expect(fake.log.slice(2)).toEqual(['begin 2', 'rollback 2', 'begin 3', 'rollback 3', 'begin 4', 'commit 4']);
  });

  it('re-runs a batch PostgreSQL aborted to break a deadlock', async () => {
    const { fake, commit } = setUp();
    let runs = 0;
    const result = commit.submit('a', async () => {
      runs += 1;
      if (runs === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return 'ok';
    });
    await expect(result).resolves.toBe('ok');
    expect(fake.log).toEqual(['begin 1', 'rollback 1', 'begin 2', 'commit 2']);
  });

  it('rejects every call of the batch with TransientError store.unavailable when the connection fails', async () => {
    const { commit } = setUp();
    const held = gate();
    const first = commit.submit('a', async () => held.promise);
    await Promise.resolve();
    const others = ['b', 'c'].map((key) =>
      commit.submit(key, async () => {
        throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      }),
    );
    held.open();
    await first;
    for (const other of others) await expect(other).rejects.toMatchObject({ code: 'store.unavailable' });
    await expect(others[0]).rejects.toBeInstanceOf(TransientError);
  });

  it('close waits for queued calls, then refuses new ones', async () => {
    const { commit } = setUp();
    const calls = [1, 2, 3].map((i) => commit.submit(`k${i}`, async () => i));
    await commit.close();
    await expect(Promise.all(calls)).resolves.toEqual([1, 2, 3]);
    await expect(commit.submit('k', async () => 0)).rejects.toThrow('closed');
    await commit.close();
  });
});
