import type { ParleyStore } from '@parley/core';
import type { DoctorCheck } from './doctor-check.js';
import { withHint } from './failure-hint.js';

/**
 * The store answers (`store.ping`). `label` says which store, e.g. from {@link describeStoreUrl};
 * it is printed, so it must not hold a password.
 */
export function storeCheck(store: Pick<ParleyStore, 'ping'>, label = 'store'): DoctorCheck {
  return {
    name: 'store',
    run: async () => {
      try {
        await store.ping();
      } catch (error) {
        throw withHint(error, 'check the store setting and that the database is reachable');
      }
      return `${label} reachable`;
    },
  };
}

/**
 * A store URL fit to print: `sqlite:./data/parley.db` → `sqlite ./data/parley.db`,
 * `postgres://parley:pw@db:5432/parley` → `postgres parley@db:5432/parley` (password dropped).
 */
export function describeStoreUrl(url: string): string {
  if (url.startsWith('sqlite:')) return `sqlite ${url.slice('sqlite:'.length)}`;
  try {
    const parsed = new URL(url);
    const user = parsed.username === '' ? '' : `${decodeURIComponent(parsed.username)}@`;
    return `${parsed.protocol.replace(/:$/, '')} ${user}${parsed.host}${parsed.pathname}`;
  } catch {
    // Unparseable: show nothing of it rather than risk printing a password.
    return 'store';
  }
}
