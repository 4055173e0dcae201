/*
 * The command loop of a bench child process: the parent sends `{ id, cmd, arg }` over IPC and
 * gets `{ id, result }` or `{ id, error }` back; the child exits when the parent goes away.
 */
function serveCommands(commands, ready) {
  process.on('message', async ({ id, cmd, arg }) => {
    try {
      process.send({ id, result: await commands[cmd](arg) });
    } catch (error) {
      process.send({ id, error: String(error?.stack ?? error) });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: true, ...ready });
}

module.exports = { serveCommands };
