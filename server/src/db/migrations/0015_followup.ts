import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * Ending well (issue 14). A couple's case has a status (`active`, `ending`, `follow-up`) and the time it entered
 * it (the follow-up's booster check-ins count from there). The maintenance plan is versioned like the treatment
 * plan: every save is a row of `maintenance_versions` (the content as JSON, and the cycle map's picture at that
 * moment as JSON when kept), saved by the therapist or by a partner editing their own part.
 */
export function migration0015(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('couples')
        .addColumn('case_status', 'text', (c) => c.notNull().defaultTo('active'))
        .execute();
      await db.schema.alterTable('couples').addColumn('case_status_at', 'bigint').execute();

      await db.schema
        .createTable('maintenance_versions')
        .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('map', 'text')
        .addColumn('saved_by_type', 'text', (c) => c.notNull())
        .addColumn('saved_by', 'text')
        .addColumn('saved_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('maintenance_versions_pk', ['couple_id', 'version'])
        .execute();
    },
  };
}
