/** Creating the first therapist account, once, even when several first runs arrive at the same moment. */
import type { Insertable } from 'kysely';
import type { Db } from './database.js';
import type { TherapistsTable } from './schema.js';

/** A unique or primary key said no: PostgreSQL 23505, SQLite's constraint codes. */
function isUniqueViolation(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Inserts the therapist and the single first-run claim in one transaction. False when the instance is already
 * set up: a therapist exists, or another first run holds the claim (it blocked us on the claim's key and
 * committed first). The claim is what serialises the race; the check only spares the common case a conflict.
 */
export async function createFirstTherapist(db: Db, therapist: Insertable<TherapistsTable>): Promise<boolean> {
  try {
    return await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('therapists').select('id').limit(1).executeTakeFirst();
      if (existing) return false;
      await trx
        .insertInto('therapists')
        .values({ ...therapist, role: 'owner', clinical: 1 })
        .execute();
      await trx
        .insertInto('first_run')
        .values({ id: 1, therapist_id: therapist.id, claimed_at: therapist.created_at })
        .execute();
      return true;
    });
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}
