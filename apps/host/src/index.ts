/**
 * @parley/host: Parley as an app — configuration, adapters loaded by package name, the HTTP
 * server, the engine, channel setup, doctor and the sandbox. The `parley` command is `cli.ts`.
 */
export { startHost } from './host.js';
export type { HostOptions, RunningHost } from './host.js';
export { loadConfig, parseConfig } from './config/index.js';
export type { HostConfig, MessengerConfig } from './config/host-config.js';
export { loadMessengers } from './adapters/load-messengers.js';
export type { LoadedMessenger, PackageImporter } from './adapters/load-messengers.js';
export { startSandbox } from './sandbox/start-sandbox.js';
export type { RunningSandbox, SandboxOptions } from './sandbox/start-sandbox.js';
