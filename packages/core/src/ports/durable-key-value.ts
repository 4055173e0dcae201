/**
 * Small durable state per adapter instance (offsets, UIDVALIDITY, cursors). Values are JSON.
 * A write has been committed when its promise resolves; it survives restarts.
 */
export interface DurableKeyValue {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}
