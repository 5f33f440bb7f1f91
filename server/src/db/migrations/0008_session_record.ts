import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * The session record and the couples progress note (issue 13). `session_events` keeps when each device (and the
 * therapist) came into the room and left it, written by the lobby where it already handles those moments; every
 * other figure of the record comes from the tables that exist. A progress note is one per session, locked once
 * signed; addenda are rows of their own and are never changed.
 */
export function migration0008(kind: DbKind): Migration {
  const serialId = kind === 'postgres' ? sql`bigserial` : sql`integer`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('session_events')
        .addColumn('seq', serialId, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('person_role', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text')
        .execute();
      await db.schema
        .createIndex('session_events_session_idx')
        .on('session_events')
        .columns(['session_id', 'seq'])
        .execute();

      await db.schema.alterTable('therapists').addColumn('note_format', 'text').execute();

      await db.schema
        .createTable('progress_notes')
        .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id').onDelete('cascade'))
        .addColumn('therapist_id', 'text', (c) => c.notNull().references('therapists.id').onDelete('cascade'))
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('signed_at', 'bigint')
        .addColumn('signed_by', 'text')
        .addColumn('signer_name', 'text')
        .execute();

      await db.schema
        .createTable('progress_note_addenda')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('progress_notes.session_id').onDelete('cascade'))
        .addColumn('therapist_id', 'text', (c) => c.notNull())
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('progress_note_addenda_note_idx')
        .on('progress_note_addenda')
        .columns(['session_id', 'created_at'])
        .execute();
    },
  };
}
