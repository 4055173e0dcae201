import { z } from 'zod';
import type { ApiVersion } from './domain/entities.js';
import type { RetryPolicy } from './outbound/hookshot.js';
import type { Credentials } from './rest/auth.js';
import type { FaultSettings } from './rest/faults.js';

/** Options of {@link startUnbluSimulator}; every one is optional. */
export interface UnbluSimulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1 so the simulator is never reachable from outside. */
  host?: string;
  /** Web API version to simulate: v4 (Unblu 8, default) or v3 (Unblu 7). */
  apiVersion?: ApiVersion;
  /** Path prefix of the REST API; default `/app/rest/v4` or `/app/rest/v3`. */
  basePath?: string;
  /** Users accepted with HTTP Basic auth; default one user admin/admin. */
  users?: Credentials[];
  /** Bearer tokens accepted besides Basic auth; default none. */
  bearerTokens?: string[];
  /** How the simulator calls middleware endpoints. */
  outbound?: {
    /** Retries after a failed first attempt; default 2. */
    retryCount?: number;
    /** Pause between attempts; default 200 ms. */
    retryDelayMs?: number;
    /** Timeout where the endpoint defines none (webhook registrations, v3 channels); default 10 000 ms. */
    timeoutMs?: number;
    /** Count answers without a valid `x-unblu-signature-256` as failures; default false. */
    requireSignedResponses?: boolean;
  };
  /** Faults injected into the REST API from the start; change them later with `setFaults`. */
  faults?: Partial<FaultSettings>;
  /** Seed of the PRNG behind random faults, for reproducible runs. */
  seed?: number;
  /** Largest accepted JSON body; default 30 MiB (files travel inline as data URLs). */
  maxBodyBytes?: number;
  /** How many delivery attempts the inspection log keeps; default 1000. */
  deliveryLogLimit?: number;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  apiVersion: ApiVersion;
  basePath: string;
  users: Credentials[];
  bearerTokens: string[];
  outbound: RetryPolicy & { timeoutMs: number };
  faults: Partial<FaultSettings>;
  seed: number | undefined;
  maxBodyBytes: number;
  deliveryLogLimit: number;
}

const count = z.number().int().min(0);

const schema = z.object({
  port: z.number().int().min(0).max(65535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  apiVersion: z.enum(['v4', 'v3']).default('v4'),
  basePath: z
    .string()
    .regex(/^\/[^?#]*[^/?#]$/, 'must start with / and not end with /')
    .optional(),
  users: z
    .array(z.object({ username: z.string().min(1), password: z.string() }))
    .min(1)
    .default([{ username: 'admin', password: 'admin' }]),
  bearerTokens: z.array(z.string().min(1)).default([]),
  outbound: z
    .object({
      retryCount: count.default(2),
      retryDelayMs: count.default(200),
      timeoutMs: z.number().int().positive().default(10_000),
      requireSignedResponses: z.boolean().default(false),
    })
    .prefault({}),
  faults: z
    .object({
      errorRate: z.number().min(0).max(1),
      errorStatus: z.number().int().min(400).max(599),
      latencyMs: count,
      dropRate: z.number().min(0).max(1),
    })
    .partial()
    .default({}),
  seed: z.number().int().optional(),
  maxBodyBytes: z.number().int().positive().default(30 * 1024 * 1024),
  deliveryLogLimit: z.number().int().positive().default(1000),
});

/** Fills the defaults; throws one Error that lists every invalid option with its path. */
export function resolveOptions(options: UnbluSimulatorOptions): ResolvedOptions {
  const result = schema.safeParse(options);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.join('.') || '(options)'}: ${i.message}`);
    throw new Error(`invalid Unblu simulator options:\n${problems.join('\n')}`);
  }
  const resolved = result.data;
  return { ...resolved, seed: resolved.seed, basePath: resolved.basePath ?? `/app/rest/${resolved.apiVersion}` };
}
