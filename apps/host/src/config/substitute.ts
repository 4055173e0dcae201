import type { ConfigIssue } from '@parley/core';
import type { ReadTextFile } from './read-text-file.js';
import { describeReadError } from './read-text-file.js';
import { isMapping } from './yaml-document.js';

/** Environment variables by name, as `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The tree with placeholders replaced, every value that was put in, and what could not be. */
export interface SubstitutionResult {
  value: unknown;
  /** Every substituted value: they are secrets as far as logs are concerned. */
  secrets: string[];
  /** One per placeholder that could not be resolved, at the config path where it was used. */
  issues: ConfigIssue[];
}

interface Run {
  env: Env;
  readFile: ReadTextFile;
  secrets: string[];
  issues: ConfigIssue[];
}

/** `$${` (escape), `${…}` (placeholder), or a `${` that is never closed. */
const TOKEN = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FILE_PREFIX = 'file:';

/**
 * Replaces `${NAME}` with the environment variable and `${file:/path}` with the file's content
 * (trailing line breaks dropped) in every string of `tree`, also inside longer strings;
 * `$${` stands for a literal `${`. Keys are left alone. Problems name the variable or file and
 * the path, never a value. An unresolved placeholder is left in place for the caller to ignore.
 */
export function substitute(tree: unknown, env: Env, readFile: ReadTextFile): SubstitutionResult {
  const run: Run = { env, readFile, secrets: [], issues: [] };
  const value = walk(tree, [], new Set(), run);
  return { value, secrets: run.secrets, issues: run.issues };
}

function walk(node: unknown, path: string[], ancestors: Set<object>, run: Run): unknown {
  if (typeof node === 'string') return substituteString(node, path, run);
  if (typeof node !== 'object' || node === null) return node;
  // YAML lets an alias point at an enclosing anchor; following it would never end.
  if (ancestors.has(node)) {
    run.issues.push({ path: path.join('.'), message: 'a YAML alias refers to a node that contains it' });
    return null;
  }
  ancestors.add(node);
  try {
    if (Array.isArray(node)) return node.map((item: unknown, index) => walk(item, [...path, String(index)], ancestors, run));
    if (!isMapping(node)) return node;
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, [...path, key], ancestors, run)]));
  } finally {
    ancestors.delete(node);
  }
}

function substituteString(text: string, path: string[], run: Run): string {
  return text.replace(TOKEN, (match: string, inner: string | undefined) => {
    if (match === '$${') return '${';
    const resolved = inner === undefined ? { problem: 'unclosed ${ (write $${ for a literal ${)' } : resolve(inner.trim(), run);
    if ('problem' in resolved) {
      run.issues.push({ path: path.join('.'), message: resolved.problem });
      return match;
    }
    run.secrets.push(resolved.value);
    return resolved.value;
  });
}

function resolve(reference: string, run: Run): { value: string } | { problem: string } {
  if (reference.startsWith(FILE_PREFIX)) return readReferencedFile(reference.slice(FILE_PREFIX.length).trim(), run);
  if (!ENV_NAME.test(reference)) {
    return { problem: 'invalid placeholder: use ${NAME}, ${file:/path}, or $${ for a literal ${' };
  }
  const value = run.env[reference];
  if (value === undefined) return { problem: `environment variable ${reference} is not set` };
  // An empty variable is almost always a deployment mistake (`VAR=` in a compose file), not intent.
  if (value === '') return { problem: `environment variable ${reference} is empty` };
  return { value };
}

function readReferencedFile(path: string, run: Run): { value: string } | { problem: string } {
  if (path === '') return { problem: 'invalid placeholder: ${file:} needs a path' };
  try {
    // Secret files (Docker, Kubernetes) usually end with a newline the secret never meant to hold.
    const value = run.readFile(path).replace(/(?:\r?\n)+$/, '');
    return value === '' ? { problem: `file ${path} is empty` } : { value };
  } catch (error) {
    return { problem: `cannot read file ${path}: ${describeReadError(error)}` };
  }
}
