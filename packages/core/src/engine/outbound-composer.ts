import { PermanentError } from '../errors/parley-error.js';
import type { OutboundMessage, OutboundSender } from '../messages/outbound-message.js';
import { DEFAULT_SENDER_PREFIX, renderSenderPrefix } from '../messages/sender-prefix.js';
import type { AgentMessageEvent, UnbluSender } from '../ports/unblu-events.js';
import type { UnbluGateway } from '../ports/unblu-gateway.js';
import { DEFAULT_FALLBACK_SENDER_NAME, type MessengerBinding } from './messenger-binding.js';
import { splitText } from './split-text.js';

/**
 * Turns an agent message into what the adapter sends: the sender prefix where one account speaks
 * for all agents, text split at the messenger's limit (each piece with its own idempotency key:
 * `<id>`, `<id>#1`, …), files downloaded from Unblu within the messenger's size limit. Content the
 * messenger cannot carry is a `PermanentError` whose message the agent will read in Unblu.
 */
export async function composeOutbound(
  parleyId: string,
  chatId: string,
  event: AgentMessageEvent,
  binding: MessengerBinding,
  gateway: UnbluGateway,
): Promise<OutboundMessage[]> {
  const { capabilities: caps, displayName } = binding.adapter.descriptor;
  const sender = senderOf(event.sender, binding);
  const prefix = caps.centralAccount && binding.senderPrefix !== false ? renderSenderPrefix(binding.senderPrefix ?? DEFAULT_SENDER_PREFIX, sender) : '';
  const base = { chatId, sender };
  const { content } = event;
  switch (content.kind) {
    case 'text':
      return splitText(prefix + content.text, caps.maxTextLength).map((text, index) => ({ ...base, parleyMessageId: pieceId(parleyId, index), text }));
    case 'other':
      if (!content.fallbackText) {
        throw new PermanentError(`${displayName} cannot show Unblu messages of type ${content.type}`, 'engine.unsupported_content');
      }
      return splitText(prefix + content.fallbackText, caps.maxTextLength).map((text, index) => ({ ...base, parleyMessageId: pieceId(parleyId, index), text }));
    case 'file': {
      if (!caps.attachments.outbound) throw new PermanentError(`${displayName} cannot carry files`, 'engine.files_not_supported');
      if (content.file.size !== undefined && content.file.size > caps.attachments.maxBytes) throw tooLarge(displayName, content.file.size, caps.attachments.maxBytes);
      const file = await gateway.messages.download(content.file, caps.attachments.maxBytes);
      const caption = (prefix + (content.caption ?? '')).trim();
      const attachment = { fileName: file.fileName, mimeType: file.mimeType, data: file.data, caption: caption === '' ? undefined : caption };
      return [{ ...base, parleyMessageId: parleyId, attachment }];
    }
  }
}

/** The idempotency key of piece `index` of a split message; the first piece keeps the message's id. */
export function pieceId(parleyId: string, index: number): string {
  return index === 0 ? parleyId : `${parleyId}#${index}`;
}

function senderOf(sender: UnbluSender, binding: MessengerBinding): OutboundSender {
  const kind = sender.personType === 'BOT' ? 'bot' : sender.personType === 'SYSTEM' ? 'system' : 'agent';
  const name = sender.displayName?.trim();
  if (name) return { kind, displayName: name };
  return { kind, displayName: kind === 'system' ? undefined : (binding.fallbackSenderName ?? DEFAULT_FALLBACK_SENDER_NAME) };
}

function tooLarge(messenger: string, size: number, limit: number): PermanentError {
  const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return new PermanentError(`file too large for ${messenger}: ${mb(size)}, the limit is ${mb(limit)}`, 'engine.file_too_large');
}
