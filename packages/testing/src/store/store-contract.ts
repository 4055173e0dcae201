import type { ParleyStore } from '@parley/core';
import { describeConcurrencyContract } from './contract/concurrency-contract.js';
import { describeDeadLetterContract } from './contract/dead-letter-contract.js';
import type { StoreFixture } from './contract/fixture.js';
import { describeJobContract } from './contract/job-contract.js';
import { describeKeyValueContract, describeLeaseContract } from './contract/lease-key-value-contract.js';
import { describeLifecycleContract } from './contract/lifecycle-contract.js';
import { describeLinkContract } from './contract/link-contract.js';
import { describeMessageContract } from './contract/message-contract.js';

export interface ParleyStoreContractOptions {
  /**
   * Closes `store` and opens the same data again, like a process restart. When given, the suite
   * also checks that everything survives a reopen; without it those tests are not registered.
   */
  reopen?: (store: ParleyStore) => Promise<ParleyStore>;
  /** Timeout of each test and hook in ms (default 60,000: real databases are slower than memory). */
  timeoutMs?: number;
}

/**
 * The conformance suite of core's `ParleyStore` port: every promise of its doc comments as a test
 * that fails when the behaviour breaks. Call it once at the top level of a spec file:
 *
 * ```ts
 * describeParleyStoreContract('sqlite', () => openParleyStore(`sqlite:${tmpFile()}`));
 * ```
 *
 * `open` must resolve with a new, empty store on every call (one per test); the suite closes it
 * after the test. All times are passed explicitly, so the suite never waits on the wall clock.
 */
export function describeParleyStoreContract(
  name: string,
  open: () => Promise<ParleyStore>,
  options: ParleyStoreContractOptions = {},
): void {
  describe(`ParleyStore contract: ${name}`, () => {
    jest.setTimeout(options.timeoutMs ?? 60_000);
    let current: ParleyStore | undefined;
    const reopen = options.reopen;
    const fixture: StoreFixture = {
      get store(): ParleyStore {
        if (!current) throw new Error('The contract suite has no open store (did open() fail?)');
        return current;
      },
      reopen: reopen && (async () => (current = await reopen(fixture.store))),
    };

    beforeEach(async () => {
      current = await open();
    });
    afterEach(async () => {
      const store = current;
      current = undefined;
      await store?.close();
    });

    describeLinkContract(fixture);
    describeMessageContract(fixture);
    describeJobContract(fixture);
    describeDeadLetterContract(fixture);
    describeLeaseContract(fixture);
    describeKeyValueContract(fixture);
    describeConcurrencyContract(fixture);
    describeLifecycleContract(fixture);
  });
}
