import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * A partner's version of the session summary (issue 13): at most one per session and audience (`couple` or a
 * partner's id). `options` is the therapist's draft (what to include, their words); `released_content` is the
 * summary exactly as it was reviewed and released (JSON), the only thing partners ever read. Withdrawing a release
 * clears it and the summary is a draft again.
 */
export function migration0009(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('partner_summaries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
        .addColumn('therapist_id', 'text', (c) => c.notNull().references('therapists.id').onDelete('cascade'))
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('partner_id', 'text', (c) => c.references('partners.id').onDelete('cascade'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('released_content', 'text')
        .addColumn('released_hash', 'text')
        .addColumn('released_at', 'bigint')
        .addColumn('released_by', 'text')
        .addColumn('released_by_name', 'text')
        .addColumn('withdrawn_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('partner_summaries_session_audience', ['session_id', 'audience'])
        .execute();
      await db.schema
        .createIndex('partner_summaries_couple_idx')
        .on('partner_summaries')
        .columns(['couple_id', 'status', 'released_at'])
        .execute();
    },
  };
}
