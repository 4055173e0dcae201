import { ConfigError, type ConfigIssue } from '@parley/core';
import { z } from 'zod';

/** Default bound on one web API call, connect to last byte. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Default bound on one file download (files are larger and slower than JSON calls). */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 60_000;
/** Default ceiling for a downloaded file; a caller's smaller limit wins. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 25 * 1024 * 1024;

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/**
 * Unknown keys inside `auth` are refused (likely typos), but not named: a password pasted one
 * level too high would otherwise be printed as a key name.
 */
function unknownKeysMessage(allowed: string): z.core.$ZodErrorMap {
  return (issue) => (issue.code === 'unrecognized_keys' ? `unknown key(s); allowed here: ${allowed}` : undefined);
}

const basicAuthSchema = z.strictObject(
  {
    type: z.literal('basic'),
    username: nonEmpty,
    password: z.string().min(1, 'must not be empty'),
  },
  { error: unknownKeysMessage('type, username, password') },
);

const bearerAuthSchema = z.strictObject(
  {
    type: z.literal('bearer'),
    token: z.string().min(1, 'must not be empty'),
  },
  { error: unknownKeysMessage('type, token') },
);

/**
 * Fills in `auth.type` when it was left out, so the short form of the host's YAML
 * (`auth: { username, password }`) works: a `token` means bearer, anything else basic.
 */
function withAuthType(auth: unknown): unknown {
  if (typeof auth !== 'object' || auth === null || Array.isArray(auth) || 'type' in auth) return auth;
  return { type: 'token' in auth ? 'bearer' : 'basic', ...auth };
}

const authSchema = z.preprocess(
  withAuthType,
  z.discriminatedUnion('type', [basicAuthSchema, bearerAuthSchema], {
    error: 'must be { type: "basic", username, password } or { type: "bearer", token }',
  }),
);

const httpUrl = z
  .string()
  .trim()
  .refine((value) => isHttpUrl(value), 'must be an absolute http(s) URL')
  .refine((value) => !hasCredentials(value), 'must not contain credentials; put them in auth');

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}

function hasCredentials(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.username !== '' || url.password !== '';
}

/**
 * Configuration of the Unblu web API client. Unknown top-level keys are ignored so the host can
 * hand over its whole `unblu:` section; unknown keys inside `auth` are refused (likely typos).
 */
export const unbluClientConfigSchema = z.object({
  /**
   * The API base including the version segment, e.g. `https://unblu.example.com/app/rest/v4`
   * (Unblu 8) or `https://bank.example/unblu/rest/v3` (Unblu 7). Installations choose their own
   * entry path, so nothing after the host is assumed. A trailing slash is dropped.
   */
  baseUrl: httpUrl.transform((value) => value.replace(/\/+$/, '')),
  /** `v4` for Unblu 8, `v3` for Unblu 7. Must match the version segment of `baseUrl`. */
  apiVersion: z.enum(['v4', 'v3']),
  /** A technical Unblu user with the ADMIN role (basic), or a bearer token (Unblu 8.42+). */
  auth: authSchema,
  timeoutMs: z.number().int().positive().max(600_000).default(DEFAULT_TIMEOUT_MS),
  downloadTimeoutMs: z.number().int().positive().max(3_600_000).default(DEFAULT_DOWNLOAD_TIMEOUT_MS),
  /** Upper bound for any file download, whatever limit a caller asks for. */
  maxDownloadBytes: z.number().int().positive().default(DEFAULT_MAX_DOWNLOAD_BYTES),
  /**
   * Further origins (e.g. `https://unblu-public.example.com`) whose download links may receive
   * Parley's credentials. By default only the origin of `baseUrl` does, so a forged or
   * misrouted link cannot make Parley hand its password to a third party.
   */
  trustedDownloadOrigins: z.array(httpUrl).default([]),
  userAgent: nonEmpty.optional(),
});

/** The client configuration after validation, with defaults applied. */
export type UnbluClientConfig = z.output<typeof unbluClientConfigSchema>;
/** The client configuration as written by an operator (defaults may be left out). */
export type UnbluClientConfigInput = z.input<typeof unbluClientConfigSchema>;
export type UnbluAuth = UnbluClientConfig['auth'];

/**
 * Validates `input` completely and returns the configuration with defaults applied.
 *
 * @param pathPrefix prefix for issue paths, e.g. `unblu` so an issue reads `unblu.auth.password`.
 * @throws ConfigError listing every problem with its path. Messages name paths and rules only,
 *   never the offending values, so a misplaced password cannot end up in a log.
 */
export function parseUnbluClientConfig(input: unknown, pathPrefix = ''): UnbluClientConfig {
  const result = unbluClientConfigSchema.safeParse(input, { reportInput: false });
  if (result.success) return result.data;
  const issues: ConfigIssue[] = result.error.issues.map((issue) => ({
    path: [pathPrefix, ...issue.path.map(String)].filter((part) => part !== '').join('.'),
    message: issue.message,
  }));
  throw new ConfigError('Unblu client configuration', issues);
}
