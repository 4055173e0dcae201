import { DEFAULT_RETRY_POLICY, DEFAULT_SENDER_PREFIX, checkSenderPrefixTemplate, type RecipientType } from '@parley/core';
import { z } from 'zod';
import type { HostConfig, LogLevel } from './host-config.js';
import { isMapping } from './yaml-document.js';

/** The file's content after validation: all of {@link HostConfig} except `secrets`, which the loader adds. */
export type HostConfigFile = Omit<HostConfig, 'secrets'>;

/**
 * Lets a cross-field check run although other fields are invalid, so every problem is listed at
 * once; the checks then see partly invalid data and read it defensively.
 */
function isMappingPayload(payload: z.core.ParsePayload): boolean {
  return isMapping(payload.value);
}

/** Lowercase letters, digits and inner dashes: the id shows up in URLs, metrics and logs. */
const MESSENGER_ID = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** npm package name, optionally scoped. */
const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
const STORE_URL = /^(?:sqlite:.+|postgres(?:ql)?:\/\/.+)$/;
const MIN_SECRET_LENGTH = 16;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const satisfies readonly LogLevel[];
const RECIPIENT_TYPES = ['AGENT', 'TEAM', 'NAMED_AREA', 'ACCOUNT'] as const satisfies readonly RecipientType[];

/** A strict object whose unknown-key message lists what is allowed there, so a typo is quick to fix. */
function strict<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown key (allowed here: ${allowed})` : undefined),
  });
}

const text = z.string().trim().min(1);
/** Secrets are never trimmed: a space may be part of a password. */
const secretText = z.string().min(MIN_SECRET_LENGTH);

/**
 * A whole number with a default. Digits in a string are accepted because `port: ${PORT}` yields
 * a string after substitution.
 */
function count(defaultValue: number, min = 1, max = Number.MAX_SAFE_INTEGER) {
  const fromDigits = (value: unknown): unknown => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value);
  return z.preprocess(fromDigits, z.number().int().min(min).max(max)).default(defaultValue);
}

const httpUrl = z
  .string()
  .trim()
  .superRefine((value, context) => {
    const problem = urlProblem(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => value.replace(/\/+$/, ''));

function urlProblem(value: string): string | undefined {
  if (!URL.canParse(value)) return 'must be an http(s) URL';
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http(s) URL';
  if (url.username !== '' || url.password !== '') return 'must not contain a user or password (unblu.auth holds credentials)';
  if (url.search !== '' || url.hash !== '') return 'must not have a query or fragment';
  return undefined;
}

const basicAuth = strict({ type: z.literal('basic'), username: text, password: z.string().min(1) });
const bearerAuth = strict({ type: z.literal('bearer'), token: z.string().min(1) });

/** `type` may be left out: a `token` means bearer, anything else basic. */
function withAuthType(auth: unknown): unknown {
  if (!isMapping(auth) || 'type' in auth) return auth;
  return { type: 'token' in auth ? 'bearer' : 'basic', ...auth };
}

const unblu = strict({
  baseUrl: httpUrl,
  apiVersion: z.enum(['v4', 'v3']).default('v4'),
  auth: z.preprocess(withAuthType, z.discriminatedUnion('type', [basicAuth, bearerAuth])),
  publicUrl: httpUrl,
  secret: secretText,
  previousSecrets: z.array(secretText).default([]),
  recipient: strict({ type: z.enum(RECIPIENT_TYPES), id: text }).optional(),
  timeoutMs: count(10_000, 1, 600_000),
}).superRefine(checkApiVersion, { when: isMappingPayload });

/**
 * A `/v3` or `/v4` segment in `baseUrl` that contradicts `apiVersion` is a sure misconfiguration.
 * Runs on partly invalid data (see {@link isMappingPayload}).
 */
function checkApiVersion(value: { baseUrl?: unknown; apiVersion?: unknown }, context: z.RefinementCtx): void {
  if (typeof value.baseUrl !== 'string' || !URL.canParse(value.baseUrl)) return;
  const segment = new URL(value.baseUrl).pathname.split('/').find((part) => /^v\d+$/.test(part));
  const apiVersion = value.apiVersion ?? 'v4';
  if (segment !== undefined && segment !== apiVersion) {
    context.addIssue({ code: 'custom', path: ['apiVersion'], message: `is ${String(apiVersion)} but unblu.baseUrl names ${segment}` });
  }
}

const server = strict({
  host: text.default('0.0.0.0'),
  port: count(8080, 0, 65_535),
  bodyLimitBytes: count(30 * 1024 * 1024),
  unbluPath: z
    .string()
    .trim()
    .regex(/^\/[^\s?#]*$/, 'must be a path starting with /')
    .transform((path) => path.replace(/\/+$/, '') || '/')
    .default('/unblu'),
}).prefault({});

const engine = strict({
  concurrency: count(16),
  maxQueueDepth: count(100_000),
  jobLeaseMs: count(30_000),
  receiverLeaseMs: count(15_000),
  pollIntervalMs: count(250),
  drainTimeoutMs: count(10_000, 0),
  retry: strict({
    initialDelayMs: count(DEFAULT_RETRY_POLICY.initialDelayMs, 0),
    maxDelayMs: count(DEFAULT_RETRY_POLICY.maxDelayMs),
    maxAttempts: count(DEFAULT_RETRY_POLICY.maxAttempts),
    maxAgeMs: count(DEFAULT_RETRY_POLICY.maxAgeMs),
  })
    .refine((retry) => retry.maxDelayMs >= retry.initialDelayMs, { path: ['maxDelayMs'], message: 'must be at least initialDelayMs' })
    .prefault({}),
}).prefault({});

const senderPrefix = z
  .union([z.literal(false), z.string()], { error: 'must be a template such as "{name}: ", or false' })
  .superRefine((template, context) => {
    if (template === false) return;
    for (const problem of checkSenderPrefixTemplate(template)) context.addIssue({ code: 'custom', message: problem });
  })
  .default(DEFAULT_SENDER_PREFIX);

const messenger = strict({
  adapter: z.string().trim().regex(PACKAGE_NAME, 'must be an npm package name, e.g. @parley/adapter-telegram'),
  channel: strict({ name: text, description: text.optional() }),
  senderPrefix,
  closingText: text.optional(),
  /** Checked by the adapter's plugin (`parseOptions`), which alone knows its shape. */
  options: z.unknown().default({}),
});

const messengerId = z
  .string()
  .regex(MESSENGER_ID, 'messenger id must be lowercase letters, digits and dashes (not at either end), at most 63 characters');

const messengers = z
  .record(messengerId, messenger)
  .refine((all) => Object.keys(all).length > 0, 'configure at least one messenger')
  .superRefine(checkUniqueChannelNames, { when: isMappingPayload });

/**
 * Two instances on one Unblu channel would receive each other's agent messages. Names compare
 * trimmed and case-insensitively, as an agent would read them. Runs on partly invalid data
 * (see {@link isMappingPayload}).
 */
function checkUniqueChannelNames(all: Record<string, unknown>, context: z.RefinementCtx): void {
  const firstById = new Map<string, string>();
  for (const [id, entry] of Object.entries(all)) {
    const channel = isMapping(entry) ? entry['channel'] : undefined;
    const name = isMapping(channel) ? channel['name'] : undefined;
    if (typeof name !== 'string') continue;
    const key = name.trim().toLowerCase();
    const first = firstById.get(key);
    if (first === undefined) firstById.set(key, id);
    else context.addIssue({ code: 'custom', path: [id, 'channel', 'name'], message: `same channel name as messengers.${first}; channel names must be unique` });
  }
}

/** The host's YAML file, producing {@link HostConfigFile} with every default applied. Unknown keys are errors. */
export const hostConfigFileSchema = strict({
  unblu,
  store: z.string().trim().regex(STORE_URL, 'must be sqlite:<path> or postgres://…').default('sqlite:./data/parley.db'),
  server,
  engine,
  log: strict({ level: z.enum(LOG_LEVELS).default('info') }).prefault({}),
  messengers,
});

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
/** Fails to compile when the schema and {@link HostConfig} drift apart. */
export type SchemaMatchesHostConfig = Assert<Equals<z.output<typeof hostConfigFileSchema>, HostConfigFile>>;
/** Fails to compile when core gains a recipient type the schema does not accept. */
export type RecipientTypesComplete = Assert<Equals<(typeof RECIPIENT_TYPES)[number], RecipientType>>;
