import type { Api } from 'grammy';
import type { BotApiSimulator } from './bot-api-simulator.js';
import type { SimulatedCustomer } from './simulated-customer.js';
import { startBotApiSimulator } from './start-bot-api-simulator.js';
import { apiFor } from './simulator-test-support.spec-helper.js';

describe('Bot API simulator: sendMessage', () => {
  let sim: BotApiSimulator;
  let api: Api;
  let customer: SimulatedCustomer;

  beforeEach(async () => {
    sim = await startBotApiSimulator({ limits: { textLength: 20 } });
    api = apiFor(sim);
    customer = sim.customer({ id: 4242, firstName: 'Anna' });
  });

  afterEach(() => sim.close());

  it('parses HTML into the text the customer sees and answers with the Message', async () => {
    const sent = await api.sendMessage(4242, '<b>Hi</b> &lt;you&gt;', { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    expect(sent).toMatchObject({
      message_id: 1,
      from: { id: sim.botUser.id, is_bot: true },
      chat: { id: 4242, type: 'private', first_name: 'Anna' },
      text: 'Hi <you>',
      entities: [{ type: 'bold', offset: 0, length: 2 }],
    });
    expect(customer.received()).toEqual([
      { from: 'bot', messageId: 1, date: sent.date, text: 'Hi <you>', html: '<b>Hi</b> &lt;you&gt;', message: sent },
    ]);
    expect(await api.sendMessage(4242, 'plain <b>')).toMatchObject({ message_id: 2, text: 'plain <b>' });
    expect(customer.receivedTexts()).toEqual(['Hi <you>', 'plain <b>']);
    expect(sim.sentTo(4242)).toHaveLength(2);
  });

  it('counts the length on the parsed text and refuses longer or empty texts', async () => {
    await expect(api.sendMessage(4242, `<b>${'x'.repeat(20)}</b>`, { parse_mode: 'HTML' })).resolves.toMatchObject({ text: 'x'.repeat(20) });
    await expect(api.sendMessage(4242, 'x'.repeat(21))).rejects.toMatchObject({ error_code: 400, description: 'Bad Request: message is too long' });
    await expect(api.sendMessage(4242, '<b> </b>', { parse_mode: 'HTML' })).rejects.toMatchObject({ description: 'Bad Request: message text is empty' });
    await expect(api.sendMessage(4242, '')).rejects.toMatchObject({ description: 'Bad Request: message text is empty' });
    expect(customer.received()).toHaveLength(1);
  });

  it("refuses markup Telegram can't parse, and Markdown the simulator doesn't implement", async () => {
    await expect(api.sendMessage(4242, 'AT&T;', { parse_mode: 'HTML' })).rejects.toMatchObject({
      error_code: 400,
      description: `Bad Request: can't parse entities: Unsupported HTML entity "&T;" at byte offset 2`,
    });
    await expect(api.sendMessage(4242, '<b>bold', { parse_mode: 'HTML' })).rejects.toMatchObject({ description: expect.stringContaining("can't parse entities") });
    await expect(api.sendMessage(4242, '*bold*', { parse_mode: 'MarkdownV2' })).rejects.toMatchObject({ error_code: 400, description: expect.stringContaining('MarkdownV2 is not supported') });
    expect(customer.received()).toEqual([]);
  });

  it('replies with reply_parameters or the legacy reply_to_message_id', async () => {
    const question = customer.sendText('Which fee?');
    const answer = await api.sendMessage(4242, 'This one', { reply_parameters: { message_id: question.message_id } });
    expect(answer.reply_to_message).toMatchObject({ message_id: question.message_id, text: 'Which fee?' });
    expect(customer.received()[0]?.replyToMessageId).toBe(question.message_id);
    const legacy = await api.raw.sendMessage({ chat_id: 4242, text: 'legacy', reply_to_message_id: answer.message_id } as Parameters<Api['raw']['sendMessage']>[0]);
    expect(legacy.reply_to_message?.message_id).toBe(answer.message_id);
    await expect(api.sendMessage(4242, 'to nothing', { reply_parameters: { message_id: 99 } })).rejects.toMatchObject({ description: 'Bad Request: message to be replied not found' });
    const anyway = await api.sendMessage(4242, 'anyway', { reply_parameters: { message_id: 99, allow_sending_without_reply: true } });
    expect(anyway.reply_to_message).toBeUndefined();
  });

  it('refuses unknown chats with 400 and blocked customers with 403', async () => {
    await expect(api.sendMessage(999, 'hi')).rejects.toMatchObject({ error_code: 400, description: 'Bad Request: chat not found' });
    await expect(api.sendMessage('@nobody', 'hi')).rejects.toMatchObject({ description: 'Bad Request: chat not found' });
    customer.block();
    await expect(api.sendMessage(4242, 'hi')).rejects.toMatchObject({ error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    await expect(api.sendChatAction(4242, 'typing')).rejects.toMatchObject({ error_code: 403 });
    customer.unblock();
    await expect(api.sendMessage(4242, 'hi')).resolves.toMatchObject({ text: 'hi' });
    const statuses = (await api.getUpdates()).map((update) => update.my_chat_member?.new_chat_member.status);
    expect(statuses).toEqual(['kicked', 'member']);
  });

  it('names a missing chat_id like Telegram and records chat actions', async () => {
    const response = await fetch(`${sim.url}/bot${sim.token}/sendMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hi' }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ ok: false, error_code: 400, description: 'Bad Request: chat_id is empty' });
    await expect(api.sendChatAction(4242, 'typing')).resolves.toBe(true);
    expect(sim.calls('sendChatAction').map((call) => call.payload)).toEqual([{ chat_id: 4242, action: 'typing' }]);
    expect(customer.received()).toEqual([]);
  });

  it('accepts urlencoded bodies and query strings like Telegram', async () => {
    const form = await fetch(`${sim.url}/bot${sim.token}/sendMessage`, { method: 'POST', body: new URLSearchParams({ chat_id: '4242', text: '<i>form</i>', parse_mode: 'HTML' }) });
    expect(await form.json()).toMatchObject({ ok: true, result: { text: 'form', entities: [{ type: 'italic' }] } });
    const query = await fetch(`${sim.url}/bot${sim.token}/SENDMESSAGE?chat_id=4242&text=query`);
    expect(await query.json()).toMatchObject({ ok: true, result: { text: 'query' } });
    expect(customer.receivedTexts()).toEqual(['form', 'query']);
  });
});
