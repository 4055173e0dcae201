import type { AdapterDescriptor } from '@parley/core';

const MB = 1024 * 1024;

/** Limits of the cloud Bot API (a self-hosted Bot API server lifts the file limits). */
export const TELEGRAM_LIMITS = {
  /** `sendMessage` text, counted after entity parsing (so on the unescaped text). */
  textLength: 4096,
  captionLength: 1024,
  /** Bots may upload files up to 50 MB. */
  uploadBytes: 50 * MB,
  /** `sendPhoto` takes photos up to 10 MB; larger images go as documents. */
  photoBytes: 10 * MB,
  /** `getFile` serves files up to 20 MB; customers' larger files cannot be fetched by a bot. */
  downloadBytes: 20 * MB,
} as const;

/** Bytes as Telegram states its limits, e.g. `20.0 MB`. */
export function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

/**
 * What the Telegram adapter can do. One bot speaks for every agent, so the engine prefixes agent
 * names. Bots get neither delivery nor read receipts. `maxBytes` is the upload limit (the engine
 * refuses larger agent files); inbound files beyond the 20 MB download limit reach the agent as a
 * note instead (see `inbound-update.ts`).
 */
export const TELEGRAM_DESCRIPTOR: AdapterDescriptor = {
  kind: 'telegram',
  displayName: 'Telegram',
  capabilities: {
    maxTextLength: TELEGRAM_LIMITS.textLength,
    attachments: { inbound: true, outbound: true, maxBytes: TELEGRAM_LIMITS.uploadBytes },
    deliveryReceipts: false,
    readReceipts: false,
    edits: true,
    replies: true,
    centralAccount: true,
  },
};
