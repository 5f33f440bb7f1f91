import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * The treatment plan per couple (issue 14). Every save is a row of `plan_versions` (the whole plan as JSON, its
 * number counting up per couple); the newest is the plan. `plan_reviews` keeps each review's note with the plan
 * version it reviewed and the objectives' computed statuses at that moment (JSON), so a review reads the same later
 * whatever the data does since.
 */
export function migration0014(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('plan_versions')
        .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('saved_by', 'text', (c) => c.references('therapists.id').onDelete('set null'))
        .addColumn('saved_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('plan_versions_pk', ['couple_id', 'version'])
        .execute();

      await db.schema
        .createTable('plan_reviews')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
        .addColumn('plan_version', 'integer', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('statuses', 'text', (c) => c.notNull())
        .addColumn('reviewed_by', 'text', (c) => c.references('therapists.id').onDelete('set null'))
        .addColumn('reviewed_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('plan_reviews_couple_idx')
        .on('plan_reviews')
        .columns(['couple_id', 'reviewed_at'])
        .execute();
    },
  };
}
