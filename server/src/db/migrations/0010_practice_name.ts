import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/** The practice's name, printed on the session record's PDF (issue 13); null until the therapist sets one. */
export function migration0010(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('therapists').addColumn('practice_name', 'text').execute();
    },
  };
}
