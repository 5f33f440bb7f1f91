import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../database.js';

const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the week holding `ms` (the same rule as @tandem/shared's `weekStart`, frozen here). */
function mondayOf(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  return (day - ((day + 3) % 7)) * DAY_MS;
}

/**
 * One weekly rating per partner per week, held by the database (issue 14's known gap). `period` is the week's
 * start (epoch ms) for answers given between sessions, null for a session's answers; a unique index on
 * (partner, occasion, period) makes two devices answering at once one row (null periods never collide). Rows
 * from before are given their week, and a week answered twice keeps its latest answer.
 */
export function migration0017(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('measure_responses').addColumn('period', 'bigint').execute();
      const rows = await sql<{
        id: string;
        partner_id: string;
        answered_at: number | string;
        updated_at: number | string;
      }>`
        select id, partner_id, answered_at, updated_at from measure_responses
        where occasion = 'weekly' and session_id is null order by updated_at desc, id`.execute(db);
      const kept = new Set<string>();
      for (const row of rows.rows) {
        const period = mondayOf(Number(row.answered_at));
        const key = `${row.partner_id}:${period}`;
        if (kept.has(key)) {
          await sql`delete from measure_responses where id = ${row.id}`.execute(db);
          continue;
        }
        kept.add(key);
        await sql`update measure_responses set period = ${period} where id = ${row.id}`.execute(db);
      }
      await db.schema
        .createIndex('measure_responses_period_uq')
        .on('measure_responses')
        .columns(['partner_id', 'occasion', 'period'])
        .unique()
        .execute();
    },
  };
}
