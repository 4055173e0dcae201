#!/usr/bin/env node
import { CLI_USAGE, parseCliArgs } from './cli-args.js';
import { startUnbluSimulator } from './start-unblu-simulator.js';

/** `parley-unblu-simulator`: runs the simulator until SIGINT or SIGTERM. */
async function main(): Promise<void> {
  const command = parseCliArgs(process.argv.slice(2));
  if (command.help) {
    process.stdout.write(CLI_USAGE);
    return;
  }
  const simulator = await startUnbluSimulator(command.options);
  const users = simulator.users.map((u) => `${u.username}:${u.password}`).join(', ');
  process.stdout.write(
    [
      `Unblu simulator (web API ${simulator.apiVersion}) is running.`,
      `  REST API base URL: ${simulator.apiBaseUrl}`,
      `  Agent page:        ${simulator.agentPageUrl}`,
      `  Control API:       ${simulator.url}/sim/api`,
      `  Basic auth users:  ${users}`,
      '',
      'Try it:',
      `  curl -u ${users.split(', ')[0]} ${simulator.apiBaseUrl}/externalmessengers/search -H 'Content-Type: application/json' -d '{}'`,
      '  Point a middleware (or @parley/unblu) at the REST API, then answer its customers on the agent page.',
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stop = (signal: NodeJS.Signals) => {
    process.stdout.write(`\n${signal} received, stopping…\n`);
    simulator.close().then(
      () => process.stdout.write('Stopped.\n'),
      (error: unknown) => {
        process.stderr.write(`Error while stopping: ${String(error)}\n`);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${CLI_USAGE}`);
  process.exitCode = 1;
});
