import type { DurableKeyValue } from '@parley/core';
import type { SqlContext } from './sql-context.js';

/** Key/value state of one namespace; values are stored as JSON text. */
export class SqlKeyValue implements DurableKeyValue {
  constructor(
    private readonly ctx: SqlContext,
    private readonly namespace: string,
  ) {}

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const row = await this.ctx.read((db) =>
      db
        .selectFrom('parley_key_values')
        .select('value')
        .where('namespace', '=', this.namespace)
        .where('key', '=', key)
        .executeTakeFirst(),
    );
    return row === undefined ? undefined : (JSON.parse(row.value) as T);
  }

  /** `undefined` has no JSON form: setting it deletes the key. */
  async set(key: string, value: unknown): Promise<void> {
    if (value === undefined) return this.delete(key);
    const json = JSON.stringify(value);
    await this.ctx.write(this.lockKey(key), (db) =>
      db
        .insertInto('parley_key_values')
        .values({ namespace: this.namespace, key, value: json })
        .onConflict((conflict) =>
          conflict.columns(['namespace', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })),
        )
        .execute(),
    );
  }

  async delete(key: string): Promise<void> {
    await this.ctx.write(this.lockKey(key), (db) =>
      db.deleteFrom('parley_key_values').where('namespace', '=', this.namespace).where('key', '=', key).execute(),
    );
  }

  private lockKey(key: string): string {
    return `kv:${this.namespace}\u0000${key}`;
  }
}
