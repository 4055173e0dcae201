import type { LeaseStore } from '@parley/core';
import type { SqlContext } from './sql-context.js';

/** Named leases: one row per name, taken over only when its owner let it run out. */
export class SqlLeaseStore implements LeaseStore {
  constructor(private readonly ctx: SqlContext) {}

  async acquire(name: string, owner: string, ttlMs: number, now: number): Promise<boolean> {
    return this.ctx.write(`lease:${name}`, async (db) => {
      const row = await db
        .insertInto('parley_leases')
        .values({ name, owner, expires_at: now + ttlMs })
        .onConflict((conflict) =>
          conflict
            .column('name')
            .doUpdateSet((eb) => ({ owner: eb.ref('excluded.owner'), expires_at: eb.ref('excluded.expires_at') }))
            .where((eb) => eb.or([eb('parley_leases.owner', '=', owner), eb('parley_leases.expires_at', '<=', now)])),
        )
        .returning('name')
        .executeTakeFirst();
      return row !== undefined;
    });
  }

  async release(name: string, owner: string): Promise<void> {
    await this.ctx.write(`lease:${name}`, (db) =>
      db.deleteFrom('parley_leases').where('name', '=', name).where('owner', '=', owner).execute(),
    );
  }
}
