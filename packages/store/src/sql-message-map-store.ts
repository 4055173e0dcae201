import type { MessageMapping, MessageMapStore } from '@parley/core';
import type { Selectable } from 'kysely';
import type { MessagesTable } from './schema.js';
import type { SqlContext } from './sql-context.js';

/**
 * Message mappings. Unique indexes refuse an external id (per messenger) or an Unblu id that
 * another Parley message already has; such a `record` rejects and stores nothing.
 */
export class SqlMessageMapStore implements MessageMapStore {
  constructor(private readonly ctx: SqlContext) {}

  async record(mapping: MessageMapping): Promise<void> {
    await this.ctx.write(`msg:${mapping.parleyId}`, async (db) => {
      await db
        .insertInto('parley_messages')
        .values({
          parley_id: mapping.parleyId,
          direction: mapping.direction,
          messenger_id: mapping.messengerId,
          chat_id: mapping.chatId,
          conversation_id: mapping.conversationId ?? null,
          external_message_id: mapping.externalMessageId ?? null,
          unblu_message_id: mapping.unbluMessageId ?? null,
          created_at: mapping.createdAt,
        })
        // Ids already set win; missing ones are filled in.
        .onConflict((conflict) =>
          conflict.column('parley_id').doUpdateSet((eb) => ({
            conversation_id: eb.fn.coalesce('parley_messages.conversation_id', 'excluded.conversation_id'),
            external_message_id: eb.fn.coalesce('parley_messages.external_message_id', 'excluded.external_message_id'),
            unblu_message_id: eb.fn.coalesce('parley_messages.unblu_message_id', 'excluded.unblu_message_id'),
          })),
        )
        .execute();
    });
  }

  async byParleyId(parleyId: string): Promise<MessageMapping | undefined> {
    return this.ctx.read(async (db) =>
      toMapping(await db.selectFrom('parley_messages').selectAll().where('parley_id', '=', parleyId).executeTakeFirst()),
    );
  }

  async byExternalId(messengerId: string, externalMessageId: string): Promise<MessageMapping | undefined> {
    return this.ctx.read(async (db) =>
      toMapping(
        await db
          .selectFrom('parley_messages')
          .selectAll()
          .where('messenger_id', '=', messengerId)
          .where('external_message_id', '=', externalMessageId)
          .executeTakeFirst(),
      ),
    );
  }

  async byUnbluId(unbluMessageId: string): Promise<MessageMapping | undefined> {
    return this.ctx.read(async (db) =>
      toMapping(
        await db.selectFrom('parley_messages').selectAll().where('unblu_message_id', '=', unbluMessageId).executeTakeFirst(),
      ),
    );
  }
}

function toMapping(row: Selectable<MessagesTable> | undefined): MessageMapping | undefined {
  if (!row) return undefined;
  const mapping: MessageMapping = {
    parleyId: row.parley_id,
    direction: row.direction,
    messengerId: row.messenger_id,
    chatId: row.chat_id,
    createdAt: row.created_at,
  };
  if (row.conversation_id !== null) mapping.conversationId = row.conversation_id;
  if (row.external_message_id !== null) mapping.externalMessageId = row.external_message_id;
  if (row.unblu_message_id !== null) mapping.unbluMessageId = row.unblu_message_id;
  return mapping;
}
