/*
 * Child process of telegram-bench: the Telegram Bot API simulator, one bot per name given as an
 * argument (`node bot-api-child.cjs polling webhook-1`). Customers write through the simulator's
 * control HTTP API; the bench asks for counts over IPC: { id, cmd, arg } → { id, result | error }.
 * First message: { ready, url, tokens: { <name>: <token> } }.
 */
const { startBotApiSimulator } = require('@parley/adapter-telegram/testing');
const { serveCommands } = require('../host/child-commands.cjs');

async function main() {
  const sim = await startBotApiSimulator({ host: '127.0.0.1' });
  const [first, ...others] = process.argv.slice(2);
  const tokens = { [first]: sim.token };
  for (const name of others) tokens[name] = sim.addBot({ firstName: `Bench ${name}` }).token;

  const commands = {
    // Messages the bot sent into these chats.
    sent: ({ token, chatIds }) => chatIds.reduce((sum, chatId) => sum + sim.sentTo(chatId, token).length, 0),
    // Bot API calls of one method (all bots), and how many of them were refused.
    calls: (method) => {
      const calls = sim.calls(method);
      return { count: calls.length, failed: calls.filter((c) => c.status !== 200 && c.status !== 0).length };
    },
    pending: (token) => sim.pendingUpdates(token).length,
  };
  process.on('SIGTERM', () => sim.close().finally(() => process.exit(0)));
  serveCommands(commands, { url: sim.url, tokens });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
