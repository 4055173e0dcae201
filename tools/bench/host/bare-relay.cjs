/*
 * Child process of host-bench: the "bare relay" baseline. The same two endpoints as Parley, done
 * the least a relay can do: no store, no queue, no engine.
 *   POST /customer/messages {chatId, text, externalMessageId} → visitor upsert + conversation
 *     create once per chat (cached in memory), then messages.send; 200 after Unblu took it.
 *   POST /unblu → verify the signature over the raw body, answer a signed
 *     ExternalMessengerNewMessageResponse at once.
 *   GET /readyz → 200.
 * Env: PORT, UNBLU_API, SECRET.
 */
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { createUnbluGateway, signUnbluBody, verifyUnbluSignature } = require('@parley/unblu');

const { PORT, UNBLU_API, SECRET } = process.env;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res, status, body, headers = {}) {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length, ...headers }).end(bytes);
}

async function main() {
  const gateway = createUnbluGateway({ baseUrl: UNBLU_API, apiVersion: 'v4', auth: { type: 'basic', username: 'admin', password: 'admin' } });
  const channel = await gateway.channels.create({ name: 'Bench bare relay', endpoint: `http://127.0.0.1:${PORT}/unblu`, secret: SECRET });
  const chats = new Map(); // chatId → Promise<{ visitor, conversationId }>

  const chatOf = (chatId) => {
    if (!chats.has(chatId)) {
      const linking = (async () => {
        const visitor = await gateway.visitors.upsert({ channelId: channel.id, externalId: chatId, personSourceId: `bare:${chatId}` });
        const conversation = await gateway.conversations.create({ channelId: channel.id, sourceId: chatId, visitor });
        return { visitor, conversationId: conversation.id };
      })();
      linking.catch(() => chats.delete(chatId));
      chats.set(chatId, linking);
    }
    return chats.get(chatId);
  };

  const customerMessage = async (body) => {
    const { chatId, text, externalMessageId } = JSON.parse(body.toString('utf8'));
    const { visitor, conversationId } = await chatOf(chatId);
    const { messageId } = await gateway.messages.send({ channelId: channel.id, conversationId, visitor, sourceId: externalMessageId, content: { kind: 'text', text } });
    return { messageId };
  };

  const server = http.createServer(async (req, res) => {
    try {
      if (req.method === 'GET' && req.url === '/readyz') return send(res, 200, { ready: true });
      const body = await readBody(req);
      if (req.method === 'POST' && req.url === '/customer/messages') return send(res, 200, await customerMessage(body));
      if (req.method === 'POST' && req.url === '/unblu') {
        if (!verifyUnbluSignature(req.headers, body, [SECRET]).valid) return send(res, 401, { error: 'bad signature' });
        JSON.parse(body.toString('utf8'));
        const answer = Buffer.from(JSON.stringify({ $_type: 'ExternalMessengerNewMessageResponse', externalMessageId: randomUUID() }));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length, ...signUnbluBody(SECRET, answer) }).end(answer);
        return;
      }
      send(res, 404, { error: 'not found' });
    } catch (error) {
      send(res, 503, { error: String(error?.message ?? error) });
    }
  });
  server.keepAliveTimeout = 30_000;
  server.listen(Number(PORT), '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
