/*
 * Child process of host-bench: the Unblu simulator (v4) plus the loopback messenger's "customer
 * app" (`POST /deliver`, counts what Parley delivered to customers). Also used by telegram-bench,
 * which has the agent side send through `agentSend`. Answers the bench over IPC:
 * { id, cmd, arg } → { id, result | error }.
 */
const http = require('node:http');
const { startUnbluSimulator } = require('@parley/unblu-simulator');
const { serveCommands } = require('./child-commands.cjs');

async function main() {
  const sim = await startUnbluSimulator({ apiVersion: 'v4', host: '127.0.0.1' });
  let delivered = 0;
  const customerApp = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      delivered++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise((resolve) => customerApp.listen(0, '127.0.0.1', resolve));

  const ofChannel = (channelId) => sim.conversations().filter((c) => c.channelId === channelId);
  const commands = {
    channelId: (name) => sim.channels().find((c) => c.name === name)?.id,
    // Customer messages Unblu holds for the channel's conversations.
    visitorMessages: (channelId) =>
      ofChannel(channelId).reduce((sum, c) => sum + sim.messages(c.id).filter((m) => m.direction === 'visitor').length, 0),
    conversations: (channelId) => ofChannel(channelId).map((c) => ({ id: c.id, sourceId: c.sourceId })),
    delivered: () => delivered,
    // `count` agent messages over these conversations, round robin; resolves once Unblu recorded
    // them all (the calls to the channel endpoint go on in the background).
    agentSend: async ({ conversationIds, count, tag }) => {
      for (let i = 0; i < count; i++) await sim.agentSendText(conversationIds[i % conversationIds.length], `${tag} agent answer ${i}, about as long as an agent writes`);
    },
  };
  serveCommands(commands, { apiBaseUrl: sim.apiBaseUrl, deliverTo: `http://127.0.0.1:${customerApp.address().port}/deliver` });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
