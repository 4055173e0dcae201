import type { ConversationLink, LinkStore, NewConversationLink, UnbluVisitor } from '@parley/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { LinksTable, StoreDatabase } from './schema.js';
import type { SqlContext } from './sql-context.js';

/** Conversation links; the partial unique index keeps one active link per (messenger, chat). */
export class SqlLinkStore implements LinkStore {
  constructor(private readonly ctx: SqlContext) {}

  async findActive(messengerId: string, chatId: string): Promise<ConversationLink | undefined> {
    return this.ctx.read(async (db) => toLink(await activeLink(db, messengerId, chatId)));
  }

  async findByConversation(conversationId: string): Promise<ConversationLink | undefined> {
    return this.ctx.read(async (db) => toLink(await linkOf(db, conversationId)));
  }

  async open(link: NewConversationLink): Promise<ConversationLink> {
    return this.ctx.write(`link:${link.messengerId}\u0000${link.chatId}`, (db) => openLink(db, link));
  }

  async close(conversationId: string, at: number): Promise<boolean> {
    return this.ctx.write(`link:#${conversationId}`, async (db) => {
      const result = await db
        .updateTable('parley_links')
        .set({ state: 'closed', closed_at: at })
        .where('conversation_id', '=', conversationId)
        .where('state', '=', 'active')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    });
  }
}

async function openLink(db: Kysely<StoreDatabase>, link: NewConversationLink): Promise<ConversationLink> {
  // A concurrent close can free the chat between the refused insert and the lookup: try again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await db
      .insertInto('parley_links')
      .values({
        conversation_id: link.conversationId,
        messenger_id: link.messengerId,
        chat_id: link.chatId,
        channel_id: link.channelId,
        visitor: JSON.stringify(link.visitor),
        state: 'active',
        created_at: link.createdAt,
        closed_at: null,
      })
      // No conflict target: either the conversation id or the chat's active link wins.
      .onConflict((conflict) => conflict.doNothing())
      .returningAll()
      .executeTakeFirst();
    const existing =
      inserted ?? (await linkOf(db, link.conversationId)) ?? (await activeLink(db, link.messengerId, link.chatId));
    if (existing) return toLink(existing) as ConversationLink;
  }
  throw new Error(`Could not open a link for conversation ${link.conversationId}`);
}

function activeLink(db: Kysely<StoreDatabase>, messengerId: string, chatId: string) {
  return db
    .selectFrom('parley_links')
    .selectAll()
    .where('messenger_id', '=', messengerId)
    .where('chat_id', '=', chatId)
    // A literal, so SQLite matches the partial index's predicate.
    .where('state', '=', sql.lit('active'))
    .executeTakeFirst();
}

function linkOf(db: Kysely<StoreDatabase>, conversationId: string) {
  return db.selectFrom('parley_links').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst();
}

function toLink(row: Selectable<LinksTable> | undefined): ConversationLink | undefined {
  if (!row) return undefined;
  const link: ConversationLink = {
    messengerId: row.messenger_id,
    chatId: row.chat_id,
    channelId: row.channel_id,
    conversationId: row.conversation_id,
    visitor: JSON.parse(row.visitor) as UnbluVisitor,
    state: row.state,
    createdAt: row.created_at,
  };
  if (row.closed_at !== null) link.closedAt = row.closed_at;
  return link;
}
