import type { z } from 'zod';
import { UnbluCallParseError } from './unblu-call-parse-error.js';

/** At most this many problems are spelled out in a 400 answer; the rest are counted. */
const MAX_LISTED_ISSUES = 5;

function pathOf(issue: z.core.$ZodIssue): string {
  return issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
}

/**
 * `body` parsed by `schema`, or an `invalid-payload` {@link UnbluCallParseError} thrown with the
 * dotted path of every offending field (`conversationMessage.id`). The detail holds zod's
 * description of each problem, never the offending values.
 */
export function validatePayload<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const fields = [...new Set(issues.map(pathOf))];
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => `${pathOf(issue)}: ${issue.message}`);
  if (issues.length > MAX_LISTED_ISSUES) listed.push(`… and ${issues.length - MAX_LISTED_ISSUES} more`);
  throw new UnbluCallParseError('invalid-payload', listed.join('; '), fields, { cause: result.error });
}

/** Throws the `invalid-payload` error for one field that the schema could not judge on its own. */
export function missingField(field: string, message: string): never {
  throw new UnbluCallParseError('invalid-payload', `${field}: ${message}`, [field]);
}
