import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/** The private line between each partner and the therapist. */
export function migration0005(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('chat_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
        .addColumn('session_id', 'text', (c) => c.references('sessions.id').onDelete('set null'))
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('read_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('chat_messages_line_idx')
        .on('chat_messages')
        .columns(['partner_id', 'created_at'])
        .execute();
    },
  };
}
