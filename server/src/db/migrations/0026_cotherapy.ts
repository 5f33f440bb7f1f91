import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * Co-therapy (issue 16): `session_clinicians`, the clinicians who join a session beside the one who runs it (a
 * co-therapist, or a supervisor), who added them and when; `couples.supervision_consent_at`, when the couple
 * consented to a supervisor joining their sessions (null: no consent, no supervisor).
 */
export function migration0026(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('session_clinicians')
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('clinician_id', 'text', (c) => c.notNull().references('therapists.id').onDelete('cascade'))
        .addColumn('seat', 'text', (c) => c.notNull())
        .addColumn('added_by', 'text', (c) => c.notNull())
        .addColumn('added_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('session_clinicians_pk', ['session_id', 'clinician_id'])
        .execute();
      await db.schema
        .createIndex('session_clinicians_clinician_idx')
        .on('session_clinicians')
        .column('clinician_id')
        .execute();
      await db.schema.alterTable('couples').addColumn('supervision_consent_at', 'bigint').execute();
    },
  };
}
