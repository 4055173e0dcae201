import type {
  DownloadedFile,
  FailState,
  MessageRef,
  PostMessageSpec,
  UnbluFileRef,
  UnbluMessages,
  UnbluVisitor,
} from '@parley/core';
import { postMessageData } from '../common/message-mapping.js';
import { optional } from '../common/optional.js';
import { UnbluPermanentError, badResponse } from '../unblu-errors.js';
import { downloadUnbluFile } from '../unblu-file-download.js';
import type { UnbluV4Api } from './unblu-v4-api.js';

/**
 * Core's {@link UnbluMessages} over web API v4: the channel id travels in the path, the
 * visitor as their external messenger contact.
 */
export class UnbluV4Messages implements UnbluMessages {
  constructor(private readonly api: UnbluV4Api) {}

  /**
   * Posts the customer's message as their contact. `sourceId` (the messenger's message id)
   * comes back in Unblu's message-state events, so receipts can be matched to the original.
   */
  async send(spec: PostMessageSpec): Promise<{ messageId: string }> {
    const result = await this.api.channels.sendMessage(spec.channelId, {
      $_type: 'ExternalMessengerPostMessage',
      conversationId: spec.conversationId,
      senderExternalMessengerContactId: contactIdOf(spec.visitor, 'externalmessengers/sendMessage'),
      sourceId: spec.sourceId,
      ...optional('replyToMessageId', spec.replyToMessageId),
      messageData: postMessageData(spec.content),
    });
    if (typeof result?.messageId !== 'string') throw badResponse('externalmessengers/sendMessage', 'no messageId');
    return { messageId: result.messageId };
  }

  async sentSuccessfully(ref: MessageRef): Promise<void> {
    const body = { conversationId: ref.conversationId, messageId: ref.messageId };
    await this.api.channels.messageSentSuccessfully(ref.channelId, body);
  }

  /** `reason` is shown to the agent next to the message. */
  async sendFailed(ref: MessageRef, failState: FailState, reason: string): Promise<void> {
    await this.api.channels.messageSendFailed(ref.channelId, {
      conversationId: ref.conversationId,
      messageId: ref.messageId,
      failState,
      failureText: reason,
    });
  }

  /** Without `ref.visitor` the message counts as delivered to everyone on the messenger side. */
  async delivered(ref: MessageRef): Promise<void> {
    await this.api.channels.messageDelivered(ref.channelId, stateBody(ref));
  }

  /** Also implies delivered, as far as Unblu is concerned. */
  async read(ref: MessageRef): Promise<void> {
    await this.api.channels.messageRead(ref.channelId, stateBody(ref));
  }

  async download(file: UnbluFileRef, maxBytes: number): Promise<DownloadedFile> {
    return downloadUnbluFile(this.api.http, file, maxBytes);
  }
}

function stateBody(ref: MessageRef): { conversationId: string; messageId: string; externalMessengerContactId?: string } {
  return {
    conversationId: ref.conversationId,
    messageId: ref.messageId,
    ...optional('externalMessengerContactId', ref.visitor?.contactId),
  };
}

/** v4 speaks for the visitor through their contact; a visitor from a v3 upsert has none. */
export function contactIdOf(visitor: UnbluVisitor, operation: string): string {
  if (visitor.contactId !== undefined && visitor.contactId !== '') return visitor.contactId;
  throw new UnbluPermanentError(
    `Unblu ${operation} needs the visitor's external messenger contact (web API v4); upsert the visitor first`,
    'unblu.visitor_without_contact',
    { operation },
  );
}
