import type { Message, Update } from 'grammy/types';
import { readUpdate } from './inbound-update.js';

const customer = { id: 4242, is_bot: false, first_name: 'Anna', last_name: 'Muster', username: 'anna_m', language_code: 'de' };
const privateChat = { id: 4242, type: 'private' as const, first_name: 'Anna', last_name: 'Muster', username: 'anna_m' };

type ChatMessage = Message & Update.NonChannel;

function message(fields: Partial<Message>): ChatMessage {
  return { message_id: 7, date: 1_764_000_000, chat: privateChat, from: customer, ...fields } as ChatMessage;
}

describe('readUpdate', () => {
  it('turns a private text message into an inbound message with the customer as visitor', () => {
    const read = readUpdate({ update_id: 1, message: message({ text: 'Hello *bank*', entities: [{ type: 'bold', offset: 6, length: 6 }] }) });
    expect(read).toEqual({
      kind: 'message',
      files: [],
      message: {
        chatId: '4242',
        externalMessageId: '4242:7',
        sentAt: 1_764_000_000_000,
        text: 'Hello *bank*',
        sender: { id: '4242', displayName: 'Anna Muster', firstName: 'Anna', lastName: 'Muster', username: 'anna_m', locale: 'de' },
      },
    });
  });

  it('makes an edit a new message with its own id naming the edited one, timed at the edit', () => {
    const read = readUpdate({ update_id: 9, edited_message: message({ text: 'Hello again', edit_date: 1_764_000_060 }) as Update['edited_message'] });
    expect(read.kind).toBe('message');
    if (read.kind !== 'message') return;
    expect(read.message.externalMessageId).toBe('4242:7:edit:9');
    expect(read.message.editOfExternalMessageId).toBe('4242:7');
    expect(read.message.sentAt).toBe(1_764_000_060_000);
  });

  it('keeps a reply reference', () => {
    const read = readUpdate({ update_id: 2, message: message({ text: 'yes', reply_to_message: message({ message_id: 3, text: 'q' }) as Message['reply_to_message'] }) } as Update);
    expect(read.kind === 'message' && read.message.replyToExternalMessageId).toBe('4242:3');
  });

  it('ignores groups, channels, bots and other update types with a reason', () => {
    const group = readUpdate({ update_id: 3, message: message({ chat: { id: -100, type: 'group', title: 'Team' }, text: 'hi' }) });
    expect(group).toEqual({ kind: 'ignored', reason: expect.stringContaining('group chats are not supported') });
    const bot = readUpdate({ update_id: 4, message: message({ from: { id: 1, is_bot: true, first_name: 'Bot' }, text: 'hi' }) });
    expect(bot.kind).toBe('ignored');
    const callback = readUpdate({ update_id: 5, callback_query: { id: 'x', from: customer, chat_instance: 'c' } } as Update);
    expect(callback).toEqual({ kind: 'ignored', reason: 'update type callback_query is not handled' });
  });

  it('recognises Start (also with a deep-link payload) but not a text mentioning it', () => {
    expect(readUpdate({ update_id: 6, message: message({ text: '/start' }) })).toEqual({ kind: 'start', chatId: '4242', messageId: 7 });
    expect(readUpdate({ update_id: 6, message: message({ text: '/start campaign-7' }) }).kind).toBe('start');
    expect(readUpdate({ update_id: 6, message: message({ text: 'how do I /start?' }) }).kind).toBe('message');
  });

  it('takes the largest photo size, with the caption as text', () => {
    const photo = [
      { file_id: 'small', file_unique_id: 's', width: 90, height: 90, file_size: 1000 },
      { file_id: 'large', file_unique_id: 'l', width: 1280, height: 1280, file_size: 90_000 },
    ];
    const read = readUpdate({ update_id: 7, message: message({ photo, caption: 'my card' }) });
    expect(read).toMatchObject({ kind: 'message', files: [{ fileId: 'large', mimeType: 'image/jpeg', size: 90_000 }], message: { text: 'my card' } });
  });

  it('names documents and voice notes sensibly', () => {
    const doc = readUpdate({ update_id: 8, message: message({ document: { file_id: 'd', file_unique_id: 'd', file_name: 'statement.pdf', mime_type: 'application/pdf', file_size: 5 } }) });
    expect(doc).toMatchObject({ files: [{ fileName: 'statement.pdf', mimeType: 'application/pdf' }] });
    expect(doc.kind === 'message' && doc.message.text).toBeUndefined();
    const voice = readUpdate({ update_id: 9, message: message({ voice: { file_id: 'v', file_unique_id: 'v', duration: 3 } }) });
    expect(voice).toMatchObject({ files: [{ fileName: 'voice-7.ogg', mimeType: 'audio/ogg' }] });
  });

  it('describes locations and contacts, and says what it cannot show', () => {
    const location = readUpdate({ update_id: 10, message: message({ location: { latitude: 47.37, longitude: 8.54 } }) });
    expect(location.kind === 'message' && location.message.text).toBe('📍 location: 47.37, 8.54');
    const contact = readUpdate({ update_id: 11, message: message({ contact: { phone_number: '+41790000000', first_name: 'Max' } }) });
    expect(contact.kind === 'message' && contact.message.text).toBe('👤 contact: Max, +41790000000');
    const poll = readUpdate({ update_id: 12, message: message({ poll: { id: 'p' } as Message['poll'] }) });
    expect(poll.kind === 'message' && poll.message.text).toBe('[a Telegram message Parley cannot show: poll]');
  });
});
