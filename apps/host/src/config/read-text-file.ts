import { readFileSync } from 'node:fs';

/** Reads a whole text file synchronously; tests pass a fake. Throws like `fs.readFileSync`. */
export type ReadTextFile = (path: string) => string;

export const readTextFileSync: ReadTextFile = (path) => readFileSync(path, 'utf8');

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'file not found',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
};

/**
 * Why a read failed, from the error's code only: a thrown message could quote file content or a
 * fake's arguments, and this text ends up in a `ConfigError`.
 */
export function describeReadError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (typeof code !== 'string') return 'unreadable';
  const reason = REASONS[code];
  return reason === undefined ? code : `${reason} (${code})`;
}
