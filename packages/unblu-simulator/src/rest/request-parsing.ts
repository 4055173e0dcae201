import type { Request } from 'express';
import type { z } from 'zod';
import { badRequest } from '../unblu-error.js';
import type { Expand } from '../wire/wire-dialect.js';

const EXPAND_FIELDS = new Set(['actionIcon', 'avatar', 'channelIcon', 'configuration', 'metadata', 'text']);

/** Validates a JSON body; a 400 names each offending field (at most five). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === undefined) throw badRequest('request body: a JSON body (Content-Type: application/json) is required');
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => {
    const field = issue.path.length ? issue.path.map(String).join('.') : 'request body';
    const message = issue.message.endsWith('received undefined') ? 'is required' : issue.message;
    return `${field}: ${message}`;
  });
  throw badRequest(`invalid request body: ${problems.join('; ')}`);
}

/** A query parameter's first value, or null when absent or empty. */
export function queryParam(req: Request, name: string): string | null {
  const raw = (req.query as Record<string, unknown>)[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' && value !== '' ? value : null;
}

export function requiredQueryParam(req: Request, name: string): string {
  const value = queryParam(req, name);
  if (value === null) throw badRequest(`query parameter '${name}' is required`);
  return value;
}

/** The `expand` query parameter (comma-separated, possibly repeated), validated. */
export function expandOf(req: Request): Expand {
  const raw = (req.query as Record<string, unknown>).expand;
  const values = (Array.isArray(raw) ? raw : [raw])
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = values.find((v) => !EXPAND_FIELDS.has(v));
  if (unknown) throw badRequest(`expand: '${unknown}' is not one of ${[...EXPAND_FIELDS].join(', ')}`);
  return new Set(values);
}
