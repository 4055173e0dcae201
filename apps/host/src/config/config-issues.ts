import type { ConfigIssue } from '@parley/core';
import type { z } from 'zod';

/** Shorter secrets are not scrubbed from messages: `v4` or `info` would mangle every sentence. */
const MIN_SCRUBBED_LENGTH = 4;
const REDACTED = '[redacted]';

/**
 * Messages for zod's built-in checks, made from the rule alone. zod's own wording avoids values
 * today; owning it means no future zod release can start quoting a misplaced secret.
 */
export const configErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'required' : `must be ${kindName(issue.expected)}, got ${kindOf(issue.input)}`;
  }
  if (issue.code === 'too_small') return `must ${boundText('at least', 'greater than', issue.minimum, issue.inclusive, issue.origin)}`;
  if (issue.code === 'too_big') return `must ${boundText('at most', 'less than', issue.maximum, issue.inclusive, issue.origin)}`;
  if (issue.code === 'invalid_value') return `must be one of: ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'invalid_format') return `must be a valid ${issue.format}`;
  if (issue.code === 'invalid_key') return issue.issues.map((inner) => inner.message).join('; ');
  if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
    return `must be one of: ${issue.options.map(String).join(', ')}`;
  }
  if (issue.code === 'not_multiple_of') return `must be a multiple of ${String(issue.divisor)}`;
  return 'is invalid';
};

function kindName(expected: string): string {
  const names: Record<string, string> = { object: 'a mapping', record: 'a mapping', array: 'a list', string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false' };
  return names[expected] ?? expected;
}

/** The kind of a received value, never the value itself. */
function kindOf(input: unknown): string {
  if (input === null) return 'nothing (null)';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return 'text';
  if (typeof input === 'boolean') return 'true or false';
  return `a ${typeof input}`;
}

function boundText(inclusiveWord: string, exclusiveWord: string, bound: number | bigint, inclusive: boolean | undefined, origin: string): string {
  if (origin === 'string') return bound === 1 && inclusive !== false ? 'not be empty' : `be ${inclusiveWord} ${String(bound)} characters long`;
  if (origin === 'array') return `have ${inclusiveWord} ${String(bound)} entr${bound === 1 ? 'y' : 'ies'}`;
  return `be ${inclusive === false ? exclusiveWord : inclusiveWord} ${String(bound)}`;
}

/**
 * zod's issues as {@link ConfigIssue}s with dotted paths (`messengers.telegram.channel.name`).
 * Each unknown key becomes its own issue at the key's path, so a typo is easy to find; a key that
 * equals a known secret (a value pasted where a key belongs) is shown as `[redacted]`.
 */
export function toConfigIssues(issues: readonly z.core.$ZodIssue[], secrets: ReadonlySet<string>): ConfigIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return [{ path: dottedPath(issue.path), message: issue.message }];
    return issue.keys.map((key) => ({
      path: dottedPath([...issue.path, secrets.has(key) ? REDACTED : key]),
      message: issue.message,
    }));
  });
}

export function dottedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * Last line of defence: replaces any secret of some length that still made it into a message
 * (a sender prefix problem quotes the template, YAML errors name anchors). `secrets` must be
 * ordered longest first, as `orderSecrets` returns them.
 */
export function scrubSecrets(issues: readonly ConfigIssue[], secrets: readonly string[]): ConfigIssue[] {
  const scrubbed = secrets.filter((secret) => secret.length >= MIN_SCRUBBED_LENGTH);
  const scrub = (text: string): string => scrubbed.reduce((result, secret) => result.replaceAll(secret, REDACTED), text);
  return issues.map((issue) => ({ path: scrub(issue.path), message: scrub(issue.message) }));
}
