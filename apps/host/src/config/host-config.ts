import type { RecipientType } from '@parley/core';

/**
 * The host's configuration after loading: `${ENV}` and `${file:/path}` substituted, validated,
 * defaults applied. Durations are milliseconds, sizes bytes.
 */
export interface HostConfig {
  unblu: UnbluConfig;
  /** Store URL: `sqlite:./data/parley.db` (default) or `postgres://…`. */
  store: string;
  server: ServerConfig;
  engine: EngineConfig;
  log: { level: LogLevel };
  /** Messenger instances by id (`signal-private`, `telegram`); the id is the key in the YAML file. */
  messengers: Record<string, MessengerConfig>;
  /**
   * Every value that came through `${ENV}`/`${file:…}` substitution or sits in a secret field
   * (passwords, tokens, secrets): logs and error messages must never show them.
   */
  secrets: string[];
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface UnbluConfig {
  /** e.g. `https://unblu.example.com/app/rest/v4`. */
  baseUrl: string;
  apiVersion: 'v4' | 'v3';
  auth: { type: 'basic'; username: string; password: string } | { type: 'bearer'; token: string };
  /** Where Unblu reaches Parley, e.g. `https://parley.example.com` (no trailing slash). */
  publicUrl: string;
  /** The secret Unblu signs its calls with (channels and the webhook registration). */
  secret: string;
  /** Former secrets still accepted while Unblu switches over (rotation). */
  previousSecrets: string[];
  /** Where new conversations queue; Unblu's default routing when absent. */
  recipient?: { type: RecipientType; id: string };
  /** Per request to Unblu (default 10,000). */
  timeoutMs: number;
}

export interface ServerConfig {
  /** Default `0.0.0.0`. */
  host: string;
  /** Default 8080. */
  port: number;
  /** Largest request body accepted (default 30 MB: Unblu file messages arrive as data URLs). */
  bodyLimitBytes: number;
  /** Path of Parley's Unblu endpoint (default `/unblu`). */
  unbluPath: string;
}

export interface EngineConfig {
  concurrency: number;
  maxQueueDepth: number;
  jobLeaseMs: number;
  receiverLeaseMs: number;
  pollIntervalMs: number;
  drainTimeoutMs: number;
  retry: { initialDelayMs: number; maxDelayMs: number; maxAttempts: number; maxAgeMs: number };
}

export interface MessengerConfig {
  /** npm package name of the adapter, e.g. `@parley/adapter-telegram`. */
  adapter: string;
  /** The Unblu channel this instance speaks through; `parley setup` creates or repairs it. */
  channel: { name: string; description?: string };
  /** Sender prefix template for central-account messengers (default `{name}: `); `false` turns it off. */
  senderPrefix: string | false;
  /** Text sent to the customer when an agent ends the conversation. */
  closingText?: string;
  /** The adapter's own options, validated by its plugin. */
  options: unknown;
}
