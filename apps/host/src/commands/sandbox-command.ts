import { createLogger } from '../observability/logger.js';
import { startSandbox } from '../sandbox/start-sandbox.js';
import { untilSignal } from './until-signal.js';

/** `parley sandbox`: the embedded default, until Ctrl-C. */
export async function sandboxCommand(options: { port: number; apiVersion: 'v4' | 'v3'; data?: string }, print: (line: string) => void): Promise<void> {
  const logger = createLogger({ level: 'warn', secrets: [] });
  const sandbox = await startSandbox({ port: options.port, apiVersion: options.apiVersion, dataDir: options.data, logger });
  for (const line of [
    '',
    `Parley sandbox is running (Unblu web API ${options.apiVersion}, SQLite in ${options.data ?? '.parley/sandbox'}, fresh each start).`,
    '',
    `  Agent    ${sandbox.agentUrl}      the Unblu simulator's agent page`,
    `  Customer ${sandbox.customerUrl}      play a customer of the loopback messenger`,
    `  Telegram ${sandbox.telegramUrl}      play a Telegram customer of the sandbox bot (Bot API simulator)`,
    `  Parley   ${sandbox.host.url}      /readyz, /metrics`,
    '',
    'Write as the customer; the conversation appears on the agent page. Answer there, and the',
    "reply shows on the customer's page, prefixed with the agent's name. The Telegram page works the",
    'same way through the Telegram adapter (long polling against the simulator). From a shell:',
    `  curl -XPOST -H 'content-type: application/json' -d '{"text":"Hello"}' ${sandbox.customerUrl}/api/chats/customer-1/messages`,
    '',
    'Ctrl-C stops everything.',
  ]) {
    print(line);
  }
  await untilSignal(sandbox.host.logger);
  await sandbox.close();
}
