import { randomBytes } from 'node:crypto';

/** A token secret shaped like Telegram's: 35 characters of `A-Za-z0-9_-` starting with `AAH`. */
export function tokenSecret(): string {
  return `AAH${randomBytes(24).toString('base64url')}`;
}

/**
 * Opaque file ids. Telegram's are long base64url strings that differ per bot; here they only need
 * to be unique and look the part, so tests cannot depend on their format.
 */
export function fileId(): string {
  return `BQACAgIAAxkBAA${randomBytes(30).toString('base64url')}`;
}

export function fileUniqueId(): string {
  return `AgAD${randomBytes(9).toString('base64url')}`;
}
