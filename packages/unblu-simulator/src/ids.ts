import { randomBytes } from 'node:crypto';

/** A fresh opaque id shaped like Unblu's: 22 URL-safe characters carrying 128 random bits. */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}
