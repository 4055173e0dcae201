import { TransientError, type InboundMessage } from '@parley/core';
import { FakeClock } from '../clock/fake-clock.js';
import { createRecordingContext } from './recording-context.js';

function message(externalMessageId: string): InboundMessage {
  return { chatId: 'c', sender: { id: 'u' }, externalMessageId, sentAt: 1, text: externalMessageId, attachments: [] };
}

describe('createRecordingContext', () => {
  it('records messages once, acking a redelivery with accepted: false', async () => {
    const { inbound } = createRecordingContext();
    expect(await inbound.message(message('m1'))).toEqual({ accepted: true });
    expect(await inbound.message(message('m1'))).toEqual({ accepted: false });
    expect(inbound.messages).toHaveLength(1);
    expect(inbound.offers).toHaveLength(2);
  });

  it('rejects on demand and stores nothing then', async () => {
    const { inbound } = createRecordingContext();
    inbound.rejectNext(1);
    await expect(inbound.message(message('m1'))).rejects.toBeInstanceOf(TransientError);
    inbound.rejectAll(new Error('down'));
    await expect(inbound.receipt({ chatId: 'c', kind: 'read', externalMessageIds: ['x'], at: 1 })).rejects.toThrow('down');
    inbound.acceptAgain();
    await inbound.message(message('m2'));
    expect(inbound.texts()).toEqual(['m2']);
    expect(inbound.receipts).toEqual([]);
  });

  it('can hold calls until resumed, and be slow on its clock', async () => {
    const clock = new FakeClock(0);
    const { inbound } = createRecordingContext({ clock });
    inbound.pause();
    let acked = false;
    const held = inbound.message(message('m1')).then(() => (acked = true));
    await clock.advance(1_000);
    expect(acked).toBe(false);
    inbound.resume();
    await held;
    inbound.setLatency(10);
    const slow = inbound.message(message('m2'));
    await clock.advance(10);
    await slow;
    expect(inbound.texts()).toEqual(['m1', 'm2']);
  });

  it('waits for messages, and names the shortfall on timeout', async () => {
    const { inbound } = createRecordingContext();
    const waiting = inbound.waitForMessages(2);
    await inbound.message(message('m1'));
    await inbound.message(message('m2'));
    expect((await waiting).map((m) => m.text)).toEqual(['m1', 'm2']);
    await expect(inbound.waitForMessages(3, 20)).rejects.toThrow(/2 of 3 messages/);
  });

  it('records health with the time of the last change', async () => {
    const clock = new FakeClock(0);
    const { health } = createRecordingContext({ clock });
    health.report('connecting');
    await clock.advance(5);
    health.report('connected');
    await clock.advance(5);
    health.report('connected', 'still');
    expect(health.reports).toEqual([
      { state: 'connecting', since: 0 },
      { state: 'connected', since: 5 },
      { state: 'connected', detail: 'still', since: 5 },
    ]);
  });

  it('keeps JSON state and refuses what is not JSON', async () => {
    const { state } = createRecordingContext();
    await state.set('offset', { value: 7 });
    expect(await state.get('offset')).toEqual({ value: 7 });
    await expect(state.set('bad', undefined)).rejects.toThrow(TypeError);
    await state.delete('offset');
    expect(await state.get('offset')).toBeUndefined();
  });

  it('records routes and lets a test call them', async () => {
    const context = createRecordingContext({ messengerId: 'tg' });
    context.http.register('POST', '/webhook', async (request) => ({ status: 200, body: new TextDecoder().decode(request.rawBody) }));
    expect(context.http.routes).toEqual(['POST /webhook']);
    expect(context.http.publicUrl('/webhook')).toBe('https://parley.test/messengers/tg/webhook');
    expect(() => context.http.register('POST', '/webhook', async () => ({ status: 200 }))).toThrow(/already registered/);
    expect(await context.http.invoke('POST', '/webhook', { body: { ok: true } })).toEqual({ status: 200, body: '{"ok":true}' });
    expect(await context.http.invoke('GET', '/webhook')).toEqual({ status: 404 });
  });

  it('runs exclusive work directly with the shutdown signal', async () => {
    const context = createRecordingContext();
    let seen: AbortSignal | undefined;
    await context.exclusive('poller', async (signal) => {
      seen = signal;
    });
    expect(context.exclusiveRuns).toEqual(['poller']);
    context.controller.abort();
    expect(seen?.aborted).toBe(true);
  });
});
