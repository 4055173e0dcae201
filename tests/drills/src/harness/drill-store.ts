import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type StoreKind = 'sqlite' | 'postgres';

/** A fresh store for one drill: its URL for the host's configuration, and how to drop it. */
export interface DrillStore {
  kind: StoreKind;
  url: string;
  drop(): Promise<void>;
}

export const PG_URL = process.env['PARLEY_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
let counter = 0;

export async function createDrillStore(kind: StoreKind, dir: string): Promise<DrillStore> {
  if (kind === 'sqlite') return { kind, url: `sqlite:${join(dir, 'parley.db')}`, drop: () => Promise.resolve() };
  counter += 1;
  const schema = `drill_${process.pid}_${Date.now().toString(36)}_${counter}`;
  await runSql(`CREATE SCHEMA "${schema}"`);
  // The host's store URL has no schema option; libpq's `options` puts the schema first in the
  // search_path, and the store migrates into the first schema of the search_path.
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { kind, url: url.toString(), drop: () => runSql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`) };
}

async function runSql(statement: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A temporary folder for configs, SQLite files and host logs. */
export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'parley-drill-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
