import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/** Pauses, pause settings, therapists' own scripts and script runs. Timers are stored as deadline + state. */
export function migration0003(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('pause_settings')
        .addColumn('couple_id', 'text', (c) => c.primaryKey().references('couples.id').onDelete('cascade'))
        .addColumn('default_minutes', 'integer', (c) => c.notNull())
        .addColumn('choices', 'text', (c) => c.notNull())
        .addColumn('show_caller', 'integer', (c) => c.notNull())
        .addColumn('media_paused', 'integer', (c) => c.notNull())
        .addColumn('exercise', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('pauses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('called_by_id', 'text', (c) => c.notNull())
        .addColumn('called_by_role', 'text', (c) => c.notNull())
        .addColumn('called_by_name', 'text', (c) => c.notNull())
        .addColumn('show_caller', 'integer', (c) => c.notNull())
        .addColumn('media_paused', 'integer', (c) => c.notNull())
        .addColumn('exercise', 'text', (c) => c.notNull())
        .addColumn('timer_status', 'text', (c) => c.notNull())
        .addColumn('duration_ms', 'bigint', (c) => c.notNull())
        .addColumn('deadline', 'bigint')
        .addColumn('remaining_ms', 'bigint', (c) => c.notNull())
        .addColumn('ready', 'text', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('ended_at', 'bigint')
        .addColumn('end_reason', 'text')
        .execute();
      await db.schema.createIndex('pauses_session_idx').on('pauses').columns(['session_id', 'started_at']).execute();
      await db.schema.createIndex('pauses_open_idx').on('pauses').columns(['ended_at', 'deadline']).execute();
      await db.schema
        .createTable('scripts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('therapist_id', 'text', (c) => c.notNull().references('therapists.id').onDelete('cascade'))
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('scripts_therapist_idx')
        .on('scripts')
        .columns(['therapist_id', 'updated_at'])
        .execute();
      await db.schema
        .createTable('script_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('script_id', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('contents', 'text', (c) => c.notNull())
        .addColumn('assignments', 'text', (c) => c.notNull())
        .addColumn('step_index', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('timer_status', 'text', (c) => c.notNull())
        .addColumn('duration_ms', 'bigint', (c) => c.notNull())
        .addColumn('deadline', 'bigint')
        .addColumn('remaining_ms', 'bigint', (c) => c.notNull())
        .addColumn('speaker_done', 'integer', (c) => c.notNull())
        .addColumn('visits', 'text', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('ended_at', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('script_runs_session_idx')
        .on('script_runs')
        .columns(['session_id', 'started_at'])
        .execute();
    },
  };
}
