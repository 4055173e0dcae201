import type { Logger } from '../ports/logger.js';

/** What `parley setup` tells an adapter that registers itself with its messenger. */
export interface AdapterSetupContext {
  messengerId: string;
  /** The public URL one of the adapter's routes will have (as `RouteRegistrar.publicUrl`). */
  publicUrl(path: string): string;
  /** Read and report what would change; write nothing. */
  dryRun: boolean;
  /** Send secrets again although nothing visible differs (the messenger does not show them). */
  resendSecrets: boolean;
  logger: Logger;
  signal: AbortSignal;
}

/** One thing an adapter's setup made match (a webhook registration, say), as `parley setup` prints it. */
export interface AdapterSetupItem {
  /** e.g. `Telegram webhook`. */
  name: string;
  action: 'create' | 'update' | 'unchanged';
  /** Human-readable drift that was (or, in a dry run, would be) repaired. Never contains secrets. */
  changes: string[];
}
