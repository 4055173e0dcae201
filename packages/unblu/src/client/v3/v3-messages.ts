import type { DownloadedFile, FailState, MessageRef, PostMessageSpec, UnbluFileRef, UnbluMessages } from '@parley/core';
import { postMessageData } from '../common/message-mapping.js';
import { optional } from '../common/optional.js';
import { badResponse } from '../unblu-errors.js';
import { downloadUnbluFile } from '../unblu-file-download.js';
import type { UnbluV3Api } from './unblu-v3-api.js';
import type { WireV3MessageStateBody } from './wire.js';

/**
 * Core's {@link UnbluMessages} over web API v3: the channel id travels in the body as
 * `externalMessengerChannelId`, the visitor as their person id.
 */
export class UnbluV3Messages implements UnbluMessages {
  constructor(private readonly api: UnbluV3Api) {}

  /** Posts the customer's message as their person; `sourceId` is the messenger's message id. */
  async send(spec: PostMessageSpec): Promise<{ messageId: string }> {
    const answer = await this.api.channels.sendMessage({
      $_type: 'ExternalMessengerPostMessage',
      conversationId: spec.conversationId,
      externalMessengerChannelId: spec.channelId,
      senderPersonId: spec.visitor.personId,
      sourceId: spec.sourceId,
      ...optional('replyToMessageId', spec.replyToMessageId),
      messageData: postMessageData(spec.content),
    });
    return { messageId: messageIdOf(answer) };
  }

  async sentSuccessfully(ref: MessageRef): Promise<void> {
    await this.api.channels.messageSentSuccessfully({
      conversationId: ref.conversationId,
      externalMessengerChannelId: ref.channelId,
      messageId: ref.messageId,
    });
  }

  /** `reason` is shown to the agent next to the message. */
  async sendFailed(ref: MessageRef, failState: FailState, reason: string): Promise<void> {
    await this.api.channels.messageSendFailed({
      conversationId: ref.conversationId,
      externalMessengerChannelId: ref.channelId,
      messageId: ref.messageId,
      failedState: failState,
      failureText: reason,
    });
  }

  /** Without `ref.visitor` the message counts as delivered to every messenger-connected person. */
  async delivered(ref: MessageRef): Promise<void> {
    await this.api.channels.messageDelivered(stateBody(ref));
  }

  async read(ref: MessageRef): Promise<void> {
    await this.api.channels.messageRead(stateBody(ref));
  }

  async download(file: UnbluFileRef, maxBytes: number): Promise<DownloadedFile> {
    return downloadUnbluFile(this.api.http, file, maxBytes);
  }
}

function stateBody(ref: MessageRef): WireV3MessageStateBody {
  return {
    conversationId: ref.conversationId,
    externalMessengerChannelId: ref.channelId,
    messageId: ref.messageId,
    ...optional('personId', ref.visitor?.personId),
  };
}

/**
 * v3 answers the id as a JSON string (`"abc"`); a server that sends it unquoted as text or
 * wrapped like v4 (`{ messageId }`) is accepted too.
 */
function messageIdOf(answer: unknown): string {
  if (typeof answer === 'string' && answer.trim() !== '') return answer.trim();
  const wrapped = (answer as { messageId?: unknown } | null | undefined)?.messageId;
  if (typeof wrapped === 'string' && wrapped !== '') return wrapped;
  throw badResponse('externalmessengers/sendMessage', 'no message id');
}
