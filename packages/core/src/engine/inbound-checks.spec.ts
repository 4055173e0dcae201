import type { MessengerAdapter } from '../adapter/messenger-adapter.js';
import type { InboundMessage } from '../messages/inbound-message.js';
import { InvalidInboundError, checkInboundMessage, checkInboundReceipt } from './inbound-checks.js';
import type { MessengerBinding } from './messenger-binding.js';

const adapter = {
  descriptor: {
    kind: 'test',
    displayName: 'Test',
    capabilities: { maxTextLength: 100, attachments: { inbound: true, outbound: true, maxBytes: 4 }, deliveryReceipts: false, readReceipts: false, edits: false, replies: false, centralAccount: false },
  },
} as MessengerAdapter;
const binding: MessengerBinding = { messengerId: 'test', channelId: 'ch', adapter };
const valid: InboundMessage = { chatId: 'c1', sender: { id: 'u1' }, externalMessageId: 'm1', sentAt: 1, text: 'hi', attachments: [] };

describe('inbound checks', () => {
  it('accepts a well-formed message', () => {
    expect(() => checkInboundMessage(valid, binding)).not.toThrow();
  });

  it('names every problem at once', () => {
    const bad = { ...valid, chatId: '', externalMessageId: ' ', text: '', sentAt: Number.NaN } as InboundMessage;
    expect(() => checkInboundMessage(bad, binding)).toThrow(InvalidInboundError);
    expect(() => checkInboundMessage(bad, binding)).toThrow(
      'invalid inbound event: chatId must be a non-empty string; externalMessageId must be a non-empty string; sentAt must be a number (ms since epoch); a message needs text or an attachment',
    );
  });

  it('holds attachments to the declared limit', () => {
    const big = { ...valid, attachments: [{ fileName: 'a.bin', mimeType: 'application/octet-stream', data: new Uint8Array(5) }] };
    expect(() => checkInboundMessage(big, binding)).toThrow('attachments[0] has 5 bytes, more than the declared limit of 4');
  });

  it('checks receipts', () => {
    expect(() => checkInboundReceipt({ chatId: 'c', kind: 'read', externalMessageIds: ['x'], at: 1 })).not.toThrow();
    expect(() => checkInboundReceipt({ chatId: 'c', kind: 'seen' as 'read', externalMessageIds: [], at: 1 })).toThrow(
      'kind must be "delivered" or "read"; externalMessageIds must be a non-empty array',
    );
  });
});
