import { ContainerModule } from 'inversify';
import { ConfigError, TOKENS, type AdapterPlugin, type ConfigIssue } from '@parley/core';
import { HttpLoopbackAdapter } from './http-loopback-adapter.js';
import { LOOPBACK_CAPABILITIES, LoopbackAdapter } from './loopback-adapter.js';

/** Options of a loopback messenger instance in the host's configuration. */
export interface LoopbackPluginOptions {
  /** Agents speak through one account, so outbound text gets the agent's name (default true). */
  centralAccount: boolean;
  /** Prefix of the message ids this instance makes (default the messenger id). */
  idPrefix?: string;
  /** Serve the customer routes (`/customer/messages`, `/customer/sent`) on the host (default false). */
  http?: boolean;
  /** POST every outbound message here as JSON (see `HttpLoopbackAdapter`). */
  deliverTo?: string;
}

const KNOWN = new Set(['centralAccount', 'idPrefix', 'http', 'deliverTo']);

function parseOptions(raw: unknown): LoopbackPluginOptions {
  const options = (raw ?? {}) as Record<string, unknown>;
  const issues: ConfigIssue[] = [];
  if (typeof options !== 'object' || Array.isArray(options)) throw new ConfigError('loopback options', [{ path: '', message: 'must be an object' }]);
  for (const key of Object.keys(options)) if (!KNOWN.has(key)) issues.push({ path: key, message: `unknown option (known: ${[...KNOWN].join(', ')})` });
  if (options['centralAccount'] !== undefined && typeof options['centralAccount'] !== 'boolean') issues.push({ path: 'centralAccount', message: 'must be true or false' });
  if (options['idPrefix'] !== undefined && (typeof options['idPrefix'] !== 'string' || options['idPrefix'] === '')) issues.push({ path: 'idPrefix', message: 'must be a non-empty string' });
  if (options['http'] !== undefined && typeof options['http'] !== 'boolean') issues.push({ path: 'http', message: 'must be true or false' });
  if (options['deliverTo'] !== undefined && !/^https?:\/\/\S+$/.test(String(options['deliverTo']))) issues.push({ path: 'deliverTo', message: 'must be an http(s) URL' });
  if (issues.length > 0) throw new ConfigError('loopback options', issues);
  return {
    centralAccount: (options['centralAccount'] as boolean | undefined) ?? true,
    idPrefix: options['idPrefix'] as string | undefined,
    http: options['http'] as boolean | undefined,
    deliverTo: options['deliverTo'] as string | undefined,
  };
}

/**
 * The loopback messenger as a host plugin (`adapter: "@parley/testing"` in the configuration):
 * the sandbox's stand-in customer app and the host drills' messenger.
 */
export const loopbackPlugin: AdapterPlugin<LoopbackPluginOptions> = {
  descriptor: { kind: 'loopback', displayName: 'Loopback', capabilities: LOOPBACK_CAPABILITIES },
  parseOptions,
  createModule: (options, { messengerId }) =>
    new ContainerModule(({ bind }) => {
      const common = { capabilities: { centralAccount: options.centralAccount }, idPrefix: options.idPrefix ?? messengerId };
      const remote = options.http === true || options.deliverTo !== undefined;
      bind(TOKENS.Adapter).toConstantValue(remote ? new HttpLoopbackAdapter({ ...common, deliverTo: options.deliverTo }) : new LoopbackAdapter(common));
    }),
};
