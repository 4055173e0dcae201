import { createHmac } from 'node:crypto';
import { DRILL_SECRET, Drill, conversationsOf, sendChat, sleep, waitUntil } from './drill-harness.js';

/*
 * Drill 6: calls to `<host>/unblu` that Unblu did not sign with the shared secret (no signature,
 * a signature made with another secret, a genuine signature over a changed body) get 401 and
 * change nothing: no delivery to the customer, no change in Unblu.
 */
const sign = (secret: string, body: string): string => createHmac('sha256', secret).update(body).digest('hex');

describe('forged, unsigned and tampered calls to /unblu', () => {
  let drill: Drill;

  beforeAll(async () => {
    drill = await Drill.start();
    await drill.startHost();
  });

  afterAll(() => drill?.close());

  it('rejects each with 401 and changes nothing', async () => {
    await sendChat('forge-chat', 1, { hostFor: () => drill.host().url, messengerId: 'loop' });
    const conversation = await waitUntil('the conversation', () => conversationsOf(drill.sim, 'forge-chat')[0]);
    await drill.sim.agentSendText(conversation.id, 'genuine');
    await waitUntil('the genuine message at the customer', () => drill.app.texts('forge-chat').length === 1);
    await waitUntil('Parley reporting the genuine message sent', () => drill.sim.messages(conversation.id).find((m) => m.text === 'genuine')?.sentAt);
    await drill.sim.idle();
    const genuine = drill.sim.deliveries().find((d) => d.ok && JSON.stringify(d.requestBody).includes('genuine'));
    if (!genuine) throw new Error('the simulator logged no successful call carrying the genuine message');
    const before = { deliveries: drill.app.raw.length, conversations: JSON.stringify(drill.sim.conversations()), messages: JSON.stringify(drill.sim.messages(conversation.id)) };

    const tampered = JSON.stringify(genuine.requestBody).replace('genuine', 'tampered');
    const headers = (signature?: string): Record<string, string> => {
      const { 'x-unblu-signature-256': _256, 'x-unblu-signature': _1, 'content-length': _length, ...rest } = genuine.requestHeaders;
      return signature === undefined ? rest : { ...rest, 'x-unblu-signature-256': signature };
    };
    const attempts = {
      unsigned: await post(drill, tampered, headers()),
      forged: await post(drill, tampered, headers(sign('not-the-secret-but-long-enough', tampered))),
      tampered: await post(drill, tampered, headers(genuine.requestHeaders['x-unblu-signature-256'])),
      garbage: await post(drill, tampered, headers('sha256=00')),
    };
    expect(attempts).toEqual({ unsigned: 401, forged: 401, tampered: 401, garbage: 401 });
    expect(sign(DRILL_SECRET, JSON.stringify(genuine.requestBody))).toBe(genuine.requestHeaders['x-unblu-signature-256']);

    await sleep(500);
    expect({ deliveries: drill.app.raw.length, conversations: JSON.stringify(drill.sim.conversations()), messages: JSON.stringify(drill.sim.messages(conversation.id)) }).toEqual(before);
  });
});

async function post(drill: Drill, body: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${drill.host().url}/unblu`, { method: 'POST', headers, body });
  await response.arrayBuffer();
  return response.status;
}
