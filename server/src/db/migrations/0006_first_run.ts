import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * The first-run claim: one row at most (key fixed to 1), written in the same transaction as the first therapist.
 * Two first runs at once cannot both commit: the second blocks on the key and fails (PostgreSQL's READ COMMITTED
 * let both see "no therapist yet" before). An instance already set up gets its claim here.
 */
export function migration0006(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('first_run')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('therapist_id', 'text', (c) => c.notNull().references('therapists.id').onDelete('cascade'))
        .addColumn('claimed_at', 'bigint', (c) => c.notNull())
        .execute();
      await sql`INSERT INTO first_run (id, therapist_id, claimed_at)
        SELECT 1, id, created_at FROM therapists ORDER BY created_at, id LIMIT 1`.execute(db);
    },
  };
}
