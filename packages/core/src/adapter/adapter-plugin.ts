import type { ContainerModule } from 'inversify';
import type { AdapterDescriptor } from './adapter-descriptor.js';

/** What a plugin's module factory learns about the messenger instance it is built for. */
export interface AdapterModuleContext {
  /** The configured instance id, e.g. `telegram-business`. */
  messengerId: string;
}

/**
 * How an adapter package plugs into the host: the package exports one `parleyAdapter` of this
 * type, and the host, given the package name from its configuration, imports it, validates the
 * instance's options with `parseOptions` and loads the module `createModule` returns into a
 * container of the instance's own. The module must bind the adapter under `TOKENS.Adapter`.
 * A third-party package installed from npm plugs in the same way.
 */
export interface AdapterPlugin<TOptions = unknown> {
  descriptor: AdapterDescriptor;
  /**
   * Checks the instance's `options` from the configuration and returns them typed. Throws a
   * `ConfigError` listing every problem with its path (relative to `options`); never echoes secrets.
   */
  parseOptions(raw: unknown): TOptions;
  /** The inversify module binding this instance's adapter under `TOKENS.Adapter`. */
  createModule(options: TOptions, context: AdapterModuleContext): ContainerModule;
  /**
   * Optional: names the messenger account an instance uses (a bot, a phone number, a mailbox),
   * never a secret. Two instances on one account would take each other's messages and fight over
   * its receiver, so the host refuses a configuration where two instances of one kind share a key.
   */
  accountOf?(options: TOptions): string;
}

/** The export name the host looks for in an adapter package. */
export const ADAPTER_PLUGIN_EXPORT = 'parleyAdapter';

/** True when `value` has the shape of an {@link AdapterPlugin}. */
export function isAdapterPlugin(value: unknown): value is AdapterPlugin {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<AdapterPlugin>;
  return typeof candidate.descriptor === 'object' && typeof candidate.parseOptions === 'function' && typeof candidate.createModule === 'function';
}
