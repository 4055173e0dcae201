import { parseArgs } from 'node:util';
import type { UnbluSimulatorOptions } from './options.js';

export const CLI_USAGE = `Usage: parley-unblu-simulator [options]

Starts a simulated Unblu server (web API v4 or v3) on this machine.

Options:
  --port <n>             TCP port (default 8085; 0 picks a free one)
  --host <address>       interface to bind (default 127.0.0.1)
  --api-version <v4|v3>  web API version to simulate (default v4)
  --base-path <path>     REST base path (default /app/rest/<version>)
  --user <name:password> accepted Basic auth user; repeatable (default admin:admin)
  --bearer-token <token> accepted bearer token; repeatable
  --seed <n>             seed for random fault injection
  -h, --help             show this help
`;

export const DEFAULT_CLI_PORT = 8085;

export type CliCommand = { help: true } | { help: false; options: UnbluSimulatorOptions };

/** Parses the command line; throws an Error with a readable message on invalid input. */
export function parseCliArgs(argv: string[]): CliCommand {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-version': { type: 'string' },
      'base-path': { type: 'string' },
      user: { type: 'string', multiple: true },
      'bearer-token': { type: 'string', multiple: true },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  const apiVersion = values['api-version'];
  if (apiVersion !== undefined && apiVersion !== 'v4' && apiVersion !== 'v3') {
    throw new Error(`--api-version must be v4 or v3, not '${apiVersion}'`);
  }
  return {
    help: false,
    options: {
      port: values.port === undefined ? DEFAULT_CLI_PORT : integer('--port', values.port),
      host: values.host,
      apiVersion,
      basePath: values['base-path'],
      users: values.user?.map(credentials),
      bearerTokens: values['bearer-token'],
      seed: values.seed === undefined ? undefined : integer('--seed', values.seed),
    },
  };
}

function integer(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value)) throw new Error(`${flag} must be an integer, not '${text}'`);
  return value;
}

function credentials(text: string): { username: string; password: string } {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new Error(`--user must look like name:password, not '${text}'`);
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}
