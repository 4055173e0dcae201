/**
 * The one order in which transactions lock key rows: UTF-8 byte order, which PostgreSQL
 * reproduces with `COLLATE "C"` whatever the database's collation. JavaScript's default string
 * order (UTF-16 code units) and a locale collation can disagree with it, and two transactions
 * locking the same keys in different orders can deadlock.
 */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Distinct keys in lock order. */
export function inKeyOrder(keys: Iterable<string>): string[] {
  return [...new Set(keys)].sort(compareKeys);
}
