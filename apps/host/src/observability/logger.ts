import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { LogLevel } from '../config/host-config.js';

/** What replaces a redacted field or a secret value in a log line. */
export const REDACTED = '[redacted]';

export interface LoggerOptions {
  level: LogLevel;
  /** Secret values (from the config) that must never appear in a log line, wherever they occur. */
  secrets: readonly string[];
}

/** Field names whose values are secret whatever they hold. */
const SECRET_KEYS = ['password', 'token', 'accessToken', 'refreshToken', 'secret', 'clientSecret', 'apiKey'];
const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key'];

/**
 * pino's redaction has no "any depth" wildcard; three levels cover our log calls
 * (`{ password }`, `{ auth: { password } }`, `{ config: { auth: { password } } }`). Deeper
 * values are still caught by the value masking when they are configured secrets.
 */
function redactPaths(): string[] {
  const prefixes = ['', '*.', '*.*.'];
  const keys = SECRET_KEYS.flatMap((key) => prefixes.map((prefix) => `${prefix}${key}`));
  const headers = SECRET_HEADERS.flatMap((name) => prefixes.map((prefix) => `${prefix}headers["${name}"]`));
  return [...keys, ...headers];
}

/** Every form a secret may take in a line: as is, and percent-encoded (inside URLs). */
function secretForms(secrets: readonly string[]): string[] {
  const forms = secrets.filter((secret) => secret.length > 0).flatMap((secret) => [secret, encodeURIComponent(secret)]);
  // Longest first, so a secret that contains another is masked whole.
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

function maskString(value: string, forms: readonly string[]): string {
  return forms.reduce((masked, form) => masked.replaceAll(form, REDACTED), value);
}

function maskDeep(value: unknown, forms: readonly string[]): unknown {
  if (typeof value === 'string') return maskString(value, forms);
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, forms));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [maskString(key, forms), maskDeep(item, forms)]));
  }
  return value;
}

/**
 * Masks secret values in a finished JSON line. Working on the finished line catches every place a
 * secret can hide (message, bindings, nested fields, serialised errors and their stacks); parsing
 * it only when a secret occurs keeps the common path to one substring search per secret, and
 * masking the parsed strings (not the JSON text) keeps the line valid JSON whatever the secret.
 */
function secretMasker(secrets: readonly string[]): ((line: string) => string) | undefined {
  const forms = secretForms(secrets);
  if (forms.length === 0) return undefined;
  const inJson = forms.map((form) => JSON.stringify(form).slice(1, -1));
  return (line) => {
    if (!inJson.some((form) => line.includes(form))) return line;
    return `${JSON.stringify(maskDeep(JSON.parse(line), forms))}\n`;
  };
}

/**
 * The host's logger: JSON lines (pino) on `destination` (default stdout). Fields named like
 * secrets (password, token, secret, apiKey, authorization/cookie headers; up to three levels deep)
 * are replaced by `[redacted]`, and so is every configured secret value wherever it appears, in the
 * message, in string fields, in error messages and stacks, also percent-encoded. A pino logger
 * satisfies core's `Logger` port as is.
 */
export function createLogger({ level, secrets }: LoggerOptions, destination?: DestinationStream): PinoLogger {
  const streamWrite = secretMasker(secrets);
  const options = {
    level,
    redact: { paths: redactPaths(), censor: REDACTED },
    ...(streamWrite === undefined ? {} : { hooks: { streamWrite } }),
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
