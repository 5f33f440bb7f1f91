import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * The covert stop signal and the therapist's one-click protocol (issue 15). Each partner's agreed label lives with
 * the partner; each signal is a row (its id chosen by the page, so the socket and the REST fallback count once)
 * until the therapist dismisses it; the protocol's step is stored so a restart resumes it where it was. Breakouts
 * get a standard reason, shown to the partner on hold in their own language.
 */
export function migration0011(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('partners').addColumn('stop_label', 'text').execute();
      await db.schema.alterTable('breakouts').addColumn('reason', 'text').execute();

      await db.schema
        .createTable('stop_signals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('dismissed_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('stop_signals_session_idx')
        .on('stop_signals')
        .columns(['session_id', 'dismissed_at'])
        .execute();

      await db.schema
        .createTable('safety_protocols')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('therapist_id', 'text', (c) => c.notNull().references('therapists.id').onDelete('cascade'))
        .addColumn('first_partner_id', 'text', (c) => c.notNull())
        .addColumn('second_partner_id', 'text', (c) => c.notNull())
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('safety_protocols_session_idx')
        .on('safety_protocols')
        .columns(['session_id', 'step'])
        .execute();
    },
  };
}
