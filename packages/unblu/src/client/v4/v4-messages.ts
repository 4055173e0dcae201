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
import { UnbluPermanentError, badResponse, undefinedOn404 } from '../unblu-errors.js';
import { downloadUnbluFile } from '../unblu-file-download.js';
import type { UnbluV4Api } from './unblu-v4-api.js';
import type { WireMessageExportQuery } from './wire.js';

/** Looked-up messages may carry a send time this much before `since` (clocks of Parley and Unblu differ). */
export const FIND_BY_SOURCE_ID_CLOCK_SKEW_MS = 60_000;
/** Page size of the message log lookup. */
const MESSAGE_LOG_PAGE_SIZE = 100;
/** At most this many pages (so 5000 messages since `since`) are searched; a longer log is not searched further. */
const MESSAGE_LOG_MAX_PAGES = 50;

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

  /**
   * Searches the conversation's message log (`conversationhistory/exportMessageLog`, ADMIN)
   * for the message Parley posted with `sourceId`, which Unblu keeps as `externalMessageId`.
   * Only messages sent after `since` minus {@link FIND_BY_SOURCE_ID_CLOCK_SKEW_MS} are asked
   * for, oldest first, at most {@link MESSAGE_LOG_MAX_PAGES} pages. An unknown conversation
   * (404) has no such message: `undefined`.
   */
  async findBySourceId(conversationId: string, sourceId: string, since: number): Promise<{ messageId: string } | undefined> {
    const operation = 'conversationhistory/exportMessageLog';
    let offset = 0;
    for (let page = 0; page < MESSAGE_LOG_MAX_PAGES; page += 1) {
      const result = await undefinedOn404(
        this.api.conversationHistory.exportMessageLog(conversationId, messageLogQuery(since, offset)),
      );
      if (result === undefined || result === null) return undefined;
      if (result.items !== undefined && !Array.isArray(result.items)) throw badResponse(operation, 'items is not a list');
      const items = result.items ?? [];
      const match = items.find((item) => item?.externalMessageId === sourceId);
      if (match !== undefined) {
        if (typeof match.id !== 'string' || match.id === '') throw badResponse(operation, 'message without id');
        return { messageId: match.id };
      }
      const next = result.nextOffset ?? offset + items.length;
      if (result.hasMoreItems !== true || items.length === 0 || next <= offset) return undefined;
      offset = next;
    }
    return undefined;
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

/** Messages sent after `since` (less the clock-skew margin), oldest first, one page from `offset`. */
function messageLogQuery(since: number, offset: number): WireMessageExportQuery {
  return {
    $_type: 'MessageExportQuery',
    searchFilters: [
      {
        $_type: 'SendTimestampMessageExportFilter',
        field: 'SEND_TIMESTAMP',
        // The spec has no "greater than or equal": `> since - skew - 1` is `>= since - skew`.
        operator: {
          $_type: 'GreaterThanTimestampOperator',
          type: 'GREATER_THAN',
          value: Math.floor(since) - FIND_BY_SOURCE_ID_CLOCK_SKEW_MS - 1,
        },
      },
    ],
    orderBy: [{ $_type: 'MessageExportOrderBy', field: 'SEND_TIMESTAMP', order: 'ASCENDING' }],
    offset,
    limit: MESSAGE_LOG_PAGE_SIZE,
  };
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
