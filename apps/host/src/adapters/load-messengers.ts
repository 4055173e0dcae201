import { Container } from 'inversify';
import {
  ADAPTER_PLUGIN_EXPORT,
  ConfigError,
  TOKENS,
  checkAdapterDescriptor,
  isAdapterPlugin,
  type AdapterPlugin,
  type ConfigIssue,
  type MessengerAdapter,
} from '@parley/core';
import type { MessengerConfig } from '../config/host-config.js';

/** A configured messenger instance with its adapter built and ready to start. */
export interface LoadedMessenger {
  messengerId: string;
  config: MessengerConfig;
  plugin: AdapterPlugin;
  /** The instance's options as the plugin checked them. */
  options: unknown;
  adapter: MessengerAdapter;
}

/** Imports a package by name; replaceable in tests. */
export type PackageImporter = (name: string) => Promise<unknown>;

const importPackage: PackageImporter = (name) => import(name);

/**
 * Builds every configured messenger: imports its adapter package by name, checks that it exports
 * a Parley adapter plugin, validates the instance's options with the plugin's own schema and
 * resolves the adapter from a container loaded with the plugin's module (one container per
 * instance, so several instances of one adapter never share state). Every problem of every
 * messenger is reported at once in one `ConfigError`, naming the messenger.
 */
export async function loadMessengers(messengers: Record<string, MessengerConfig>, importer: PackageImporter = importPackage): Promise<LoadedMessenger[]> {
  const issues: ConfigIssue[] = [];
  const loaded: LoadedMessenger[] = [];
  for (const [messengerId, config] of Object.entries(messengers)) {
    const path = `messengers.${messengerId}`;
    try {
      loaded.push(await loadOne(messengerId, config, importer));
    } catch (error) {
      if (error instanceof ConfigError) issues.push(...error.issues.map((issue) => ({ path: join(path, issue.path), message: issue.message })));
      else issues.push({ path, message: error instanceof Error ? error.message : String(error) });
    }
  }
  issues.push(...sharedAccounts(loaded));
  if (issues.length > 0) throw new ConfigError('messenger configuration', issues);
  return loaded;
}

/** Two instances of one kind on one account (the same bot, say) would take each other's messages. */
function sharedAccounts(loaded: readonly LoadedMessenger[]): ConfigIssue[] {
  const firstOnAccount = new Map<string, string>();
  const issues: ConfigIssue[] = [];
  for (const { messengerId, plugin, options } of loaded) {
    const account = plugin.accountOf?.(options);
    if (account === undefined) continue;
    const key = `${plugin.descriptor.kind}\u0000${account}`;
    const first = firstOnAccount.get(key);
    if (first === undefined) firstOnAccount.set(key, messengerId);
    else issues.push({ path: `messengers.${messengerId}.options`, message: `uses the same ${plugin.descriptor.displayName} account (${account}) as messengers.${first}; each instance needs its own` });
  }
  return issues;
}

async function loadOne(messengerId: string, config: MessengerConfig, importer: PackageImporter): Promise<LoadedMessenger> {
  const plugin = await pluginOf(config.adapter, importer);
  const descriptorProblems = checkAdapterDescriptor(plugin.descriptor);
  if (descriptorProblems.length > 0) {
    throw new ConfigError('adapter', descriptorProblems.map((message) => ({ path: 'adapter', message: `"${config.adapter}" has an invalid descriptor: ${message}` })));
  }
  let options: unknown;
  try {
    options = plugin.parseOptions(config.options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError('options', error.issues.map((issue) => ({ path: join('options', issue.path), message: issue.message })));
  }
  const container = new Container();
  container.load(plugin.createModule(options, { messengerId }));
  const adapter = container.get<MessengerAdapter>(TOKENS.Adapter);
  return { messengerId, config, plugin, options, adapter };
}

async function pluginOf(name: string, importer: PackageImporter): Promise<AdapterPlugin> {
  let exports: unknown;
  try {
    exports = await importer(name);
  } catch (error) {
    const missing = isModuleNotFound(error, name);
    throw new ConfigError('adapter', [
      { path: 'adapter', message: missing ? `package "${name}" is not installed (npm install ${name})` : `package "${name}" failed to load: ${describe(error)}` },
    ]);
  }
  const record = (exports ?? {}) as Record<string, unknown>;
  const plugin = record[ADAPTER_PLUGIN_EXPORT] ?? (record['default'] as Record<string, unknown> | undefined)?.[ADAPTER_PLUGIN_EXPORT];
  if (!isAdapterPlugin(plugin)) {
    throw new ConfigError('adapter', [{ path: 'adapter', message: `package "${name}" is not a Parley adapter: it has no "${ADAPTER_PLUGIN_EXPORT}" export with descriptor, parseOptions and createModule` }]);
  }
  return plugin;
}

function isModuleNotFound(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') && describe(error).includes(name);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
}

function join(prefix: string, path: string): string {
  return path === '' ? prefix : `${prefix}.${path}`;
}
