#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError } from '@parley/core';
import { deadLettersCommand } from './commands/dead-letters-command.js';
import { doctorCommand } from './commands/doctor-command.js';
import { sandboxCommand } from './commands/sandbox-command.js';
import { serveCommand } from './commands/serve-command.js';
import { setupCommand } from './commands/setup-command.js';

/* The `parley` command. Commands print to stdout; failures go to stderr with a non-zero exit. */

const print = (line: string): void => void process.stdout.write(`${line}\n`);
const configOption = new Option('-c, --config <path>', 'configuration file (default: $PARLEY_CONFIG, else ./parley.yaml)');

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('must be a positive integer');
  return parsed;
}

const program = new Command('parley').description('Parley: connects Unblu with the messengers customers use').showHelpAfterError();

program.command('serve').description('run Parley (sets Unblu up first unless --no-setup)').addOption(configOption).option('--no-setup', 'do not create or repair Unblu channels on start')
  .action(async (opts: { config?: string; setup: boolean }) => serveCommand(opts));

program.command('setup').description("create or repair each messenger's Unblu channel and the webhook registration").addOption(configOption)
  .option('--dry-run', 'show what would change, change nothing', false)
  .option('--resend-secrets', 're-send the secret to unchanged channels (after rotating it)', false)
  .action(async (opts: { config?: string; dryRun: boolean; resendSecrets: boolean }) => setupCommand(opts, print));

program.command('doctor').description('check configuration, store, Unblu, a ping round trip and each adapter').addOption(configOption)
  .action(async (opts: { config?: string }) => {
    if (!(await doctorCommand(opts, print))) process.exitCode = 1;
  });

const deadLetters = program.command('dead-letters').description('jobs that gave up: list them, put them back');
deadLetters.command('list').addOption(configOption).option('-n, --limit <n>', 'at most this many', positiveInteger, 100)
  .action(async (opts: { config?: string; limit: number }) => void (await deadLettersCommand({ kind: 'list', limit: opts.limit }, opts, print)));
deadLetters.command('redrive').argument('[ids...]', 'dead letter ids').addOption(configOption).option('--all', 'every dead letter', false)
  .action(async (ids: string[], opts: { config?: string; all: boolean }) => {
    if (ids.length === 0 && !opts.all) throw new InvalidArgumentError('give dead letter ids or --all');
    if (!(await deadLettersCommand({ kind: 'redrive', ids, all: opts.all }, opts, print))) process.exitCode = 1;
  });

program.command('sandbox').description('the embedded default: Unblu simulator + Parley (SQLite) + a customer page, on loopback')
  .option('-p, --port <port>', 'Unblu simulator port; Parley and the customer page take the next two', positiveInteger, 7700)
  .addOption(new Option('--api-version <version>', 'Unblu web API to simulate').choices(['v4', 'v3']).default('v4'))
  .option('--data <dir>', 'where the SQLite store lives', '.parley/sandbox')
  .action(async (opts: { port: number; apiVersion: 'v4' | 'v3'; data: string }) => sandboxCommand(opts, print));

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`parley: ${error instanceof ConfigError || !(error instanceof Error) ? String(error instanceof Error ? error.message : error) : error.message}\n`);
  process.exitCode = 1;
});
