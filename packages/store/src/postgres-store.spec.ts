import { describeParleyStoreContract } from '@parley/testing';
import { openParleyStore } from './index.js';
import { PG_URL, PostgresTestSchemas, assertPostgresReachable } from './testing/postgres-test-schemas.js';

const schemas = new PostgresTestSchemas();
const schemaOf = new WeakMap<object, string>();

beforeAll(assertPostgresReachable);
afterAll(() => schemas.dropAll());

async function open(schema: string) {
  const store = await openParleyStore(PG_URL, { schema, poolSize: 4 });
  schemaOf.set(store, schema);
  return store;
}

describeParleyStoreContract('PostgreSQL', () => open(schemas.fresh()), {
  reopen: async (store) => {
    await store.close();
    return open(schemaOf.get(store) as string);
  },
});
