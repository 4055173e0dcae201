import { PermanentError } from '../errors/parley-error.js';
import type { AdapterCapabilities } from '../adapter/adapter-descriptor.js';
import type { MessengerAdapter } from '../adapter/messenger-adapter.js';
import type { AgentMessageEvent } from '../ports/unblu-events.js';
import type { UnbluGateway } from '../ports/unblu-gateway.js';
import type { MessengerBinding } from './messenger-binding.js';
import { composeOutbound } from './outbound-composer.js';

const capabilities: AdapterCapabilities = {
  maxTextLength: 4096,
  attachments: { inbound: true, outbound: true, maxBytes: 1024 },
  deliveryReceipts: false,
  readReceipts: false,
  edits: false,
  replies: false,
  centralAccount: true,
};

function binding(overrides: Partial<MessengerBinding> = {}, caps: Partial<AdapterCapabilities> = {}): MessengerBinding {
  const adapter = { descriptor: { kind: 'test', displayName: 'Testgram', capabilities: { ...capabilities, ...caps } } } as MessengerAdapter;
  return { messengerId: 'test', channelId: 'ch1', adapter, ...overrides };
}

function event(content: AgentMessageEvent['content'], sender: AgentMessageEvent['sender'] = { personType: 'AGENT', displayName: 'Anna Meier' }): AgentMessageEvent {
  return {
    type: 'agent-message',
    delivery: { mechanism: 'outbound', name: 'outbound.external_messenger.new_message', retryNo: 0 },
    channelId: 'ch1',
    conversationId: 'conv1',
    messageId: 'm1',
    sender,
    internal: false,
    content,
    receivingContacts: [],
    sentAt: 0,
  };
}

const download = jest.fn();
const gateway = { messages: { download } } as unknown as UnbluGateway;
const text = (value: string) => event({ kind: 'text', text: value, markdown: false });

describe('composeOutbound', () => {
  beforeEach(() => download.mockReset());

  it("prefixes the agent's name where one account speaks for all agents", async () => {
    const [message] = await composeOutbound('p1', 'chat', text('Hello'), binding(), gateway);
    expect(message).toEqual({ parleyMessageId: 'p1', chatId: 'chat', text: 'Anna Meier: Hello', sender: { kind: 'agent', displayName: 'Anna Meier' } });
  });

  it('uses the configured template, or none at all, or none for personal accounts', async () => {
    expect((await composeOutbound('p', 'c', text('Hi'), binding({ senderPrefix: '[{name}] ' }), gateway))[0]?.text).toBe('[Anna Meier] Hi');
    expect((await composeOutbound('p', 'c', text('Hi'), binding({ senderPrefix: false }), gateway))[0]?.text).toBe('Hi');
    expect((await composeOutbound('p', 'c', text('Hi'), binding({}, { centralAccount: false }), gateway))[0]?.text).toBe('Hi');
  });

  it('falls back to a neutral name for nameless agents and to no prefix for system messages', async () => {
    expect((await composeOutbound('p', 'c', event({ kind: 'text', text: 'Hi', markdown: false }, { personType: 'AGENT' }), binding(), gateway))[0]?.text).toBe('Agent: Hi');
    expect((await composeOutbound('p', 'c', event({ kind: 'text', text: 'Hi', markdown: false }, { personType: 'BOT', displayName: ' ' }), binding({ fallbackSenderName: 'Bank' }), gateway))[0]?.text).toBe('Bank: Hi');
    expect((await composeOutbound('p', 'c', event({ kind: 'text', text: 'Ended', markdown: false }, { personType: 'SYSTEM' }), binding(), gateway))[0]?.text).toBe('Ended');
  });

  it('splits long text into pieces with their own idempotency keys', async () => {
    const pieces = await composeOutbound('p1', 'c', text('word '.repeat(30).trim()), binding({ senderPrefix: false }, { maxTextLength: 50 }), gateway);
    expect(pieces.map((piece) => piece.parleyMessageId)).toEqual(['p1', 'p1#1', 'p1#2']);
    expect(pieces.map((piece) => piece.text).join('')).toBe('word '.repeat(30).trim());
  });

  it('downloads files within the limit and puts the prefix in the caption', async () => {
    download.mockResolvedValue({ fileName: 'a.pdf', mimeType: 'application/pdf', data: new Uint8Array([1, 2]) });
    const file = { url: 'https://unblu/files/1', fileName: 'a.pdf', mimeType: 'application/pdf', size: 2 };
    const [message] = await composeOutbound('p', 'c', event({ kind: 'file', file, caption: 'your statement' }), binding(), gateway);
    expect(download).toHaveBeenCalledWith(file, 1024);
    expect(message?.attachment).toEqual({ fileName: 'a.pdf', mimeType: 'application/pdf', data: new Uint8Array([1, 2]), caption: 'Anna Meier: your statement' });
  });

  it('refuses what the messenger cannot carry with a reason the agent can read', async () => {
    const file = { url: 'https://unblu/files/1', fileName: 'big.zip', mimeType: 'application/zip', size: 5 * 1024 * 1024 };
    await expect(composeOutbound('p', 'c', event({ kind: 'file', file }), binding(), gateway)).rejects.toThrow(/file too large for Testgram: 5.0 MB/);
    await expect(composeOutbound('p', 'c', event({ kind: 'file', file }), binding({}, { attachments: { inbound: false, outbound: false, maxBytes: 0 } }), gateway)).rejects.toThrow('Testgram cannot carry files');
    await expect(composeOutbound('p', 'c', event({ kind: 'other', type: 'CARD' }), binding(), gateway)).rejects.toBeInstanceOf(PermanentError);
    expect(download).not.toHaveBeenCalled();
    const [fallback] = await composeOutbound('p', 'c', event({ kind: 'other', type: 'CARD', fallbackText: 'Choose: A or B' }), binding(), gateway);
    expect(fallback?.text).toBe('Anna Meier: Choose: A or B');
  });
});
