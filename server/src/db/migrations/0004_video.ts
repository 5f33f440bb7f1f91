import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/** Breakouts: one row per private moment; the open one (ended_at null) is the session's current breakout. */
export function migration0004(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('breakouts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('ended_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('breakouts_session_idx')
        .on('breakouts')
        .columns(['session_id', 'ended_at'])
        .execute();
    },
  };
}
