/**
 * What a messenger can do, as data the engine reads before calling (never probed by trying).
 * Limits are the messenger's own; the engine splits or refuses content beyond them.
 */
export interface AdapterCapabilities {
  /** Longest text one message may carry, in UTF-16 code units. */
  maxTextLength: number;
  attachments: {
    inbound: boolean;
    outbound: boolean;
    /** Largest file accepted in either direction, in bytes (0 when attachments are unsupported). */
    maxBytes: number;
  };
  deliveryReceipts: boolean;
  readReceipts: boolean;
  edits: boolean;
  replies: boolean;
  /** All agents speak through one account, so messages get the agent's name as a prefix. */
  centralAccount: boolean;
}

/** Describes an adapter kind; readable without starting anything. */
export interface AdapterDescriptor {
  /** Short stable id of the messenger kind, e.g. `telegram`. Lowercase, digits and dashes. */
  kind: string;
  displayName: string;
  capabilities: AdapterCapabilities;
}

const KIND = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * Checks a descriptor for sanity and returns every problem found (empty when valid). Used by the
 * host before loading an adapter and by the conformance suite.
 */
export function checkAdapterDescriptor(descriptor: AdapterDescriptor): string[] {
  const problems: string[] = [];
  const { kind, displayName, capabilities: caps } = descriptor;
  if (!KIND.test(kind)) problems.push(`kind "${kind}" must match ${KIND.source}`);
  if (!displayName?.trim()) problems.push('displayName must not be empty');
  if (!Number.isInteger(caps.maxTextLength) || caps.maxTextLength < 1) {
    problems.push('capabilities.maxTextLength must be a positive integer');
  }
  const { inbound, outbound, maxBytes } = caps.attachments;
  if (!Number.isInteger(maxBytes) || maxBytes < 0) {
    problems.push('capabilities.attachments.maxBytes must be an integer >= 0');
  } else if ((inbound || outbound) && maxBytes === 0) {
    problems.push('capabilities.attachments.maxBytes must be > 0 when attachments are supported');
  }
  return problems;
}
