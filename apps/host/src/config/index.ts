/** The host's configuration: one YAML file, `${ENV}`/`${file:…}` substitution, validated at start. */
export { loadConfig, parseConfig } from './load-config.js';
export type { HostConfig, UnbluConfig, ServerConfig, EngineConfig, MessengerConfig, LogLevel } from './host-config.js';
export type { ReadTextFile } from './read-text-file.js';
export type { Env } from './substitute.js';
