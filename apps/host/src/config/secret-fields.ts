import { isMapping } from './yaml-document.js';

/** Adapter option keys that hold secrets, at any depth: `token`, `botToken`, `smtpPassword`, `apiKey`, … */
const SECRET_KEY = /token|secret|passw(?:or)?d|passphrase|api[-_]?key/i;

/**
 * The values at the configuration's secret fields: `unblu.secret`, `unblu.previousSecrets`,
 * `unblu.auth.password`/`token`, the password in a `store` URL, and messenger `options` keys
 * named like a secret. Works on the unvalidated tree too, so an invalid file's error message can
 * still be scrubbed. Numbers count: `password: 123456` is a secret even though it is invalid.
 */
export function collectSecretFields(tree: unknown): string[] {
  const found: string[] = [];
  const unblu = child(tree, 'unblu');
  const auth = child(unblu, 'auth');
  for (const node of [child(unblu, 'secret'), child(unblu, 'previousSecrets'), child(auth, 'password'), child(auth, 'token')]) {
    collectValues(node, found);
  }
  collectStorePassword(child(tree, 'store'), found);
  const messengers = child(tree, 'messengers');
  if (isMapping(messengers)) {
    for (const messenger of Object.values(messengers)) collectUnderSecretKeys(child(messenger, 'options'), found);
  }
  return found;
}

/**
 * `secrets` without duplicates or empty strings, longest first: a redactor replacing them in
 * order never leaves the tail of a long secret that contains a shorter one.
 */
export function orderSecrets(secrets: Iterable<string>): string[] {
  return [...new Set(secrets)].filter((secret) => secret !== '').sort((a, b) => b.length - a.length);
}

function child(node: unknown, key: string): unknown {
  return isMapping(node) ? node[key] : undefined;
}

function collectValues(node: unknown, found: string[]): void {
  if (typeof node === 'string') found.push(node);
  else if (typeof node === 'number' || typeof node === 'bigint') found.push(String(node));
  else if (Array.isArray(node)) for (const item of node) collectValues(item, found);
  else if (isMapping(node)) for (const item of Object.values(node)) collectValues(item, found);
}

function collectUnderSecretKeys(node: unknown, found: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectUnderSecretKeys(item, found);
  } else if (isMapping(node)) {
    for (const [key, item] of Object.entries(node)) {
      if (SECRET_KEY.test(key)) collectValues(item, found);
      else collectUnderSecretKeys(item, found);
    }
  }
}

/** `postgres://parley:pw@db/parley` written literally: the password must not reach a log either. */
function collectStorePassword(store: unknown, found: string[]): void {
  if (typeof store !== 'string' || !URL.canParse(store)) return;
  const { password } = new URL(store);
  if (password === '') return;
  found.push(password);
  try {
    found.push(decodeURIComponent(password));
  } catch {
    // Not valid percent-encoding: the raw form above is all there is.
  }
}
