import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * Joint work paused (issue 15): when a screening indicates risk the therapist switches the couple to individual
 * sessions only, silently. `joint_paused_at` is when; null while joint work goes on. Therapist-only: nothing a
 * partner receives reads it.
 */
export function migration0018(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('couples').addColumn('joint_paused_at', 'bigint').execute();
    },
  };
}
