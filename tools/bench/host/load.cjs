/* Load generation for host-bench: closed-loop customer messages, open-loop Unblu calls. */
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { signUnbluBody } = require('@parley/unblu');

// Idle sockets are dropped (4 s) before the server's keep-alive timeout (5 s) could close one under a new request.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024, timeout: 4_000 });

/** POSTs `body` (Buffer), resolves with { status, body, ms }; never rejects (status 0 on error). */
function post(url, body, headers = {}) {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length, ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
    });
    req.on('error', (error) => resolve({ status: 0, body: error.message, ms: performance.now() - started }));
    req.end(body);
  });
}

const customerText = (i) => `message ${i} of an ordinary length, about what a customer writes`;

/** Message `i` as the loopback messenger's customer app posts it to `url`. */
const loopbackMessage = (url, chats, tag) => (i) => ({
  url,
  body: Buffer.from(JSON.stringify({ chatId: `${tag}-chat-${i % chats}`, text: customerText(i), externalMessageId: `${tag}-m-${i}` })),
});

/**
 * Sends `count` customer messages over `chats` chats with at most `concurrency` in flight, then
 * waits until `held()` reaches `count`. Message `i` is POSTed as `request(i)` → { url, body }
 * (default: to the loopback messenger at `url`); any 2xx counts as taken. Resolves with
 * { msgsPerSec, acceptedPerSec, errors }.
 */
async function customerLoad({ url, count, chats, concurrency, tag, held, request = loopbackMessage(url, chats, tag) }) {
  let next = 0;
  const errors = [];
  const started = performance.now();
  const taken = (res) => res.status >= 200 && res.status < 300;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const { url: target, body } = request(i);
      let res;
      // A 503 means "not committed, try again" (overload, a hiccup): a real messenger retries.
      for (let attempt = 0; attempt < 5; attempt++) {
        res = await post(target, body);
        if (taken(res)) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      if (!taken(res)) errors.push(`${res.status} ${res.body.slice(0, 120)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const acceptedMs = performance.now() - started;
  await untilHeld(held, count - errors.length, 'Unblu');
  const ms = performance.now() - started;
  return { msgsPerSec: count / (ms / 1000), acceptedPerSec: count / (acceptedMs / 1000), errors };
}

/** Polls `held()` every 50 ms until it reaches `count`; throws after 3 minutes naming `where`. */
async function untilHeld(held, count, where) {
  const deadline = Date.now() + 180_000;
  while ((await held()) < count) {
    if (Date.now() > deadline) throw new Error(`${where} holds only ${await held()} of ${count} messages after 3 minutes`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A signed v4 `outbound.external_messenger.new_message` call, as Unblu's Hookshot sends it. */
function newMessageCall(secret, channelId, conversationId, i) {
  const messageId = `bench-${randomUUID()}`;
  const now = Date.now();
  const body = Buffer.from(JSON.stringify({
    $_type: 'ExternalMessengerNewMessageRequest',
    accountId: 'benchAccount',
    serviceName: 'outbound.external_messenger.new_message',
    conversationMessage: {
      $_type: 'TextMessageData', id: messageId, conversationId, externalMessengerChannelId: channelId, accountId: 'benchAccount',
      senderPerson: { $_type: 'PersonData', id: 'benchAgent', personType: 'AGENT', displayName: 'Anna Agent', displayNameForVisitor: 'Anna', firstName: 'Anna', lastName: 'Agent' },
      serverTimestamp: now, sendTimestamp: now, type: 'TEXT', internal: false, replyToMessageId: null,
      fallbackText: `agent answer ${i}`, text: `agent answer ${i}`, textType: 'SIMPLE_TEXT',
    },
    receivingContacts: null,
  }));
  const headers = {
    'user-agent': 'Unblu-Hookshot',
    'content-type': 'application/json; charset=UTF-8',
    'x-unblu-version': 'v4',
    'x-unblu-service-name': 'outbound.external_messenger.new_message',
    'x-unblu-invocation-id': randomUUID(),
    ...signUnbluBody(secret, body),
  };
  return { body, headers };
}

/**
 * Open loop: request k is due at start + k / rate, whether or not earlier ones were answered.
 * Latency counts from the due time (no coordinated omission). Bodies are built and signed
 * before the clock starts.
 */
async function openLoop({ url, rate, seconds, secret, channelId, conversationIds }) {
  const total = Math.round(rate * seconds);
  const calls = Array.from({ length: total }, (_, i) => newMessageCall(secret, channelId, conversationIds[i % conversationIds.length], i));
  const latencies = [];
  const errors = new Map();
  const pending = [];
  const started = performance.now();
  let sent = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
      for (; sent < due; sent++) {
        const dueAt = started + (sent * 1000) / rate;
        const { body, headers } = calls[sent];
        pending.push(post(url, body, headers).then((res) => {
          latencies.push(performance.now() - dueAt);
          if (res.status !== 200 || !res.body.includes('externalMessageId')) {
            const key = `${res.status} ${res.body.slice(0, 80)}`;
            errors.set(key, (errors.get(key) ?? 0) + 1);
          }
        }));
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  return { total, p50: at(0.5), p99: at(0.99), max: latencies[latencies.length - 1], errorCount, errors };
}

module.exports = { post, customerLoad, customerText, untilHeld, openLoop, agent };
