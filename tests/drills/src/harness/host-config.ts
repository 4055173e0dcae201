import { writeFileSync } from 'node:fs';
import type { ApiVersion } from '@parley/unblu-simulator';
import { telegramMessengerYaml, type TelegramMessengerInput } from './telegram-messenger.js';

export const DRILL_SECRET = 'drill-secret-long-enough-0123456789';

export interface HostConfigInput {
  unbluApiBaseUrl: string;
  apiVersion: ApiVersion;
  /** Where the simulator reaches Parley (the host itself, or a proxy in front of it). */
  publicUrl: string;
  port: number;
  storeUrl: string;
  /** Messenger ids; each a loopback messenger with its HTTP customer route and `deliverTo`. */
  messengerIds: string[];
  deliverTo: string;
  /**
   * Prefix of the message ids this host's loopback adapters make: ids must be unique per
   * messenger, and each process counts from 1 (see the loopback adapter's `idPrefix`).
   */
  idPrefix: string;
  /** A Telegram messenger besides the loopback ones. */
  telegram?: TelegramMessengerInput;
}

/** The host's YAML: fast polling and retries, short leases so a killed instance's jobs return soon. */
export function hostConfigYaml(input: HostConfigInput): string {
  const messengers = input.messengerIds.map((id) => [
    `  ${id}:`,
    '    adapter: "@parley/testing"',
    `    channel: { name: "Drill ${id}" }`,
    `    options: { http: true, deliverTo: "${input.deliverTo}", idPrefix: "${input.idPrefix}-${id}" }`,
  ]);
  return [
    'unblu:',
    `  baseUrl: ${input.unbluApiBaseUrl}`,
    `  apiVersion: ${input.apiVersion}`,
    '  auth: { username: admin, password: admin }',
    `  publicUrl: ${input.publicUrl}`,
    `  secret: "${DRILL_SECRET}"`,
    '  timeoutMs: 5000',
    `store: "${input.storeUrl}"`,
    `server: { host: 127.0.0.1, port: ${input.port} }`,
    'engine:',
    '  pollIntervalMs: 25',
    '  jobLeaseMs: 2000',
    '  receiverLeaseMs: 2000',
    '  drainTimeoutMs: 2000',
    '  retry: { initialDelayMs: 50, maxDelayMs: 400, maxAttempts: 1000, maxAgeMs: 600000 }',
    'log: { level: warn }',
    'messengers:',
    ...messengers.flat(),
    ...(input.telegram ? telegramMessengerYaml(input.telegram) : []),
    '',
  ].join('\n');
}

export function writeHostConfig(path: string, input: HostConfigInput): string {
  writeFileSync(path, hostConfigYaml(input));
  return path;
}
