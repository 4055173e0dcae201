import { LoopbackAdapter } from '../adapter/loopback-adapter.js';
import { ADAPTER_CONFORMANCE_CHECKS, describeAdapterConformance } from './adapter-conformance.js';
import { loopbackConformanceHarness } from './loopback-conformance-harness.js';

describeAdapterConformance('LoopbackAdapter', () => loopbackConformanceHarness());

describeAdapterConformance('LoopbackAdapter with a central account', () =>
  loopbackConformanceHarness(new LoopbackAdapter({ capabilities: { centralAccount: true }, sendLatencyMs: 20 })),
);

describe('the conformance check list', () => {
  it('has one check per clause, with unique ids and titles', () => {
    const ids = ADAPTER_CONFORMANCE_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ADAPTER_CONFORMANCE_CHECKS.map((c) => c.title)).size).toBe(ids.length);
    expect(ids).toHaveLength(9);
  });
});
