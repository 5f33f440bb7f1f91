import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * Measures (issue 14). `instruments` keeps every version of the definitions a practice imported (the built-ins
 * live in code, versioned the same way). `session_measures` is the state of a session's check-in and check-out
 * (pending when there is no row). `measure_responses` holds each partner's answers with the instrument version
 * they answered and the score computed then: one row per partner per occasion of a session (answering again while
 * it is open replaces it); `session_id` is null for answers given between sessions (the weekly ratings, later), so
 * results over time per partner are one indexed read by couple, instrument and partner.
 */
export function migration0012(kind: DbKind): Migration {
  const real = kind === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('instruments')
        .addColumn('therapist_id', 'text', (c) => c.notNull().references('therapists.id').onDelete('cascade'))
        .addColumn('instrument_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('instruments_pk', ['therapist_id', 'instrument_id', 'version'])
        .execute();

      await db.schema
        .createTable('session_measures')
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('occasion', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('instrument_id', 'text', (c) => c.notNull())
        .addColumn('instrument_version', 'integer', (c) => c.notNull())
        .addColumn('opened_at', 'bigint')
        .addColumn('closed_at', 'bigint')
        .addColumn('opened_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('session_measures_pk', ['session_id', 'occasion'])
        .execute();

      await db.schema
        .createTable('measure_responses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
        .addColumn('session_id', 'text', (c) => c.references('sessions.id').onDelete('cascade'))
        .addColumn('occasion', 'text', (c) => c.notNull())
        .addColumn('instrument_id', 'text', (c) => c.notNull())
        .addColumn('instrument_version', 'integer', (c) => c.notNull())
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('score', real)
        .addColumn('answered_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('measure_responses_session_uq')
        .on('measure_responses')
        .columns(['session_id', 'occasion', 'partner_id'])
        .unique()
        .execute();
      await db.schema
        .createIndex('measure_responses_series_idx')
        .on('measure_responses')
        .columns(['couple_id', 'instrument_id', 'partner_id', 'answered_at'])
        .execute();
    },
  };
}
