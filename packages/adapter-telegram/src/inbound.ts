import { PermanentError, type Attachment, type DurableKeyValue, type InboundSink, type Logger } from '@parley/core';
import type { Update } from 'grammy/types';
import type { FileDownloader } from './file-downloader.js';
import { readUpdate, type TelegramFileRef } from './inbound-update.js';

/** What became of one update. */
export type UpdateOutcome = 'stored' | 'duplicate' | 'ignored';

export interface TelegramInboundDeps {
  sink: InboundSink;
  files: FileDownloader;
  state: DurableKeyValue;
  logger: Logger;
  /** Sends the configured greeting to a chat (best effort); absent when greetings are off. */
  greet?: (chatId: string) => Promise<void>;
}

/**
 * Turns one Telegram update into what the engine takes, shared by long polling and the webhook.
 * Resolves once the engine has committed the message (or knew it), so the caller may then
 * acknowledge it to Telegram; rejects when it must be offered again (the sink refused, or a file
 * could not be fetched for a reason that may pass). A file Telegram will never hand out (over
 * 20 MB, expired) does not block the chat: the message goes on with a note for the agent.
 */
export class TelegramInbound {
  constructor(private readonly deps: TelegramInboundDeps) {}

  async handle(update: Update, signal: AbortSignal): Promise<UpdateOutcome> {
    const read = readUpdate(update);
    switch (read.kind) {
      case 'ignored':
        this.deps.logger.info({ updateId: update.update_id, reason: read.reason }, 'Telegram update ignored');
        return 'ignored';
      case 'start':
        await this.started(read.chatId, read.messageId);
        return 'ignored';
      case 'message': {
        const { attachments, notes } = await this.fetchFiles(read.files, signal);
        const text = [read.message.text, ...notes].filter((part) => part !== undefined).join('\n') || undefined;
        const ack = await this.deps.sink.message({ ...read.message, ...(text === undefined ? {} : { text }), attachments });
        return ack.accepted ? 'stored' : 'duplicate';
      }
    }
  }

  /** Greets once per Start press: a redelivered `/start` finds its message id recorded. */
  private async started(chatId: string, messageId: number): Promise<void> {
    const { greet, state, logger } = this.deps;
    if (greet === undefined) return;
    const key = `start:${chatId}`;
    if ((await state.get<number>(key)) === messageId) return;
    await state.set(key, messageId);
    greet(chatId).catch((error: unknown) => logger.warn({ err: error, chatId }, 'Telegram greeting not sent'));
  }

  private async fetchFiles(refs: TelegramFileRef[], signal: AbortSignal): Promise<{ attachments: Attachment[]; notes: string[] }> {
    const attachments: Attachment[] = [];
    const notes: string[] = [];
    for (const ref of refs) {
      try {
        attachments.push(await this.deps.files.download(ref, signal));
      } catch (error) {
        if (!(error instanceof PermanentError)) throw error;
        this.deps.logger.warn({ code: error.code, fileName: ref.fileName }, 'customer file not carried');
        notes.push(`[file not carried: ${error.message}]`);
      }
    }
    return { attachments, notes };
  }
}
