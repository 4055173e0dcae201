import { PermanentError } from '../errors/parley-error.js';
import type { InboundMessage, InboundReceipt } from '../messages/inbound-message.js';
import type { MessengerBinding } from './messenger-binding.js';

/** An adapter handed the sink something it must not: a bug in the adapter, named precisely. */
export class InvalidInboundError extends PermanentError {
  constructor(problems: string[]) {
    super(`invalid inbound event: ${problems.join('; ')}`, 'engine.invalid_inbound');
  }
}

const MAX_ID_LENGTH = 512;

function checkId(problems: string[], name: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') problems.push(`${name} must be a non-empty string`);
  else if (value.length > MAX_ID_LENGTH) problems.push(`${name} is longer than ${MAX_ID_LENGTH} characters`);
}

/** Throws {@link InvalidInboundError} listing every problem of `message` for this messenger. */
export function checkInboundMessage(message: InboundMessage, binding: MessengerBinding): void {
  const problems: string[] = [];
  checkId(problems, 'chatId', message.chatId);
  checkId(problems, 'externalMessageId', message.externalMessageId);
  checkId(problems, 'sender.id', message.sender?.id);
  if (!Number.isFinite(message.sentAt)) problems.push('sentAt must be a number (ms since epoch)');
  if (!Array.isArray(message.attachments)) problems.push('attachments must be an array');
  else {
    const { maxBytes, inbound } = binding.adapter.descriptor.capabilities.attachments;
    if (message.attachments.length > 0 && !inbound) problems.push('attachments given, but the adapter declares no inbound attachments');
    message.attachments.forEach((file, index) => {
      if (!(file.data instanceof Uint8Array)) problems.push(`attachments[${index}].data must be a Uint8Array`);
      else if (file.data.byteLength > maxBytes) problems.push(`attachments[${index}] has ${file.data.byteLength} bytes, more than the declared limit of ${maxBytes}`);
      if (!file.fileName?.trim()) problems.push(`attachments[${index}].fileName must not be empty`);
    });
  }
  const hasText = typeof message.text === 'string' && message.text !== '';
  if (!hasText && (message.attachments?.length ?? 0) === 0) problems.push('a message needs text or an attachment');
  if (problems.length > 0) throw new InvalidInboundError(problems);
}

export function checkInboundReceipt(receipt: InboundReceipt): void {
  const problems: string[] = [];
  checkId(problems, 'chatId', receipt.chatId);
  if (receipt.kind !== 'delivered' && receipt.kind !== 'read') problems.push('kind must be "delivered" or "read"');
  if (!Array.isArray(receipt.externalMessageIds) || receipt.externalMessageIds.length === 0) {
    problems.push('externalMessageIds must be a non-empty array');
  }
  if (problems.length > 0) throw new InvalidInboundError(problems);
}
