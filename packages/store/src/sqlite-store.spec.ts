import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransientError, type ParleyStore } from '@parley/core';
import { describeParleyStoreContract } from '@parley/testing';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { openParleyStore } from './index.js';
import { MIGRATION_TABLE } from './migrations.js';
import { openSqliteDatabase } from './sqlite-database.js';

const dirs: string[] = [];

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-store-'));
  dirs.push(dir);
  return join(dir, 'parley.db');
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const pathOf = new WeakMap<object, string>();

async function openAt(path: string): Promise<ParleyStore> {
  const store = await openParleyStore(`sqlite:${path}`);
  pathOf.set(store, path);
  return store;
}

describeParleyStoreContract('SQLite file', () => openAt(tempPath()), {
  reopen: async (store) => {
    await store.close();
    return openAt(pathOf.get(store) as string);
  },
});

describeParleyStoreContract('SQLite in memory', () => openParleyStore('sqlite::memory:'));

describe('SQLite store', () => {
  it('runs in WAL mode with synchronous=FULL, so a resolved write survives power loss', async () => {
    const path = tempPath();
    const db = openSqliteDatabase(path, { busyTimeoutMs: 1_000 });
    try {
      const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
      expect(rows[0]?.synchronous).toBe(2);
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
    } finally {
      await db.destroy();
    }
  });

  it('creates the folder of a new file and applies each migration once across reopens', async () => {
    const path = join(tempPath(), '..', 'nested', 'deeper', 'parley.db');
    for (let i = 0; i < 3; i++) await (await openParleyStore(path)).close();
    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.prepare(`select name from ${MIGRATION_TABLE}`).all()).toEqual([{ name: '0001_initial' }]);
    } finally {
      raw.close();
    }
  });

  it('keeps committed data when a second process had the file open meanwhile', async () => {
    const path = tempPath();
    const first = await openParleyStore(path);
    const second = await openParleyStore(path);
    await first.jobs.enqueue({ id: 'j1', kind: 'k', orderKey: 'a', payload: 1 }, 1);
    await second.jobs.enqueue({ id: 'j2', kind: 'k', orderKey: 'a', payload: 2 }, 2);
    await Promise.all([first.close(), second.close()]);
    const reopened = await openParleyStore(path);
    expect((await reopened.jobs.claim('o', 10, 1_000, 10)).map((job) => job.id)).toEqual(['j1']);
    await reopened.close();
  });

  it('fails clearly when the file cannot be opened', async () => {
    const blocker = tempPath();
    writeFileSync(blocker, 'not a folder');
    await expect(openParleyStore(`sqlite:${join(blocker, 'parley.db')}`)).rejects.toThrow(
      /Cannot (open|reach) the Parley store \(SQLite file .*parley\.db\)/,
    );
    const notADatabase = tempPath();
    writeFileSync(notADatabase, 'x'.repeat(4096));
    const failure = openParleyStore(notADatabase);
    await expect(failure).rejects.toThrow(/Cannot open the Parley store/);
    await expect(failure).rejects.not.toBeInstanceOf(TransientError);
  });
});
