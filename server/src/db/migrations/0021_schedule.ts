import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * The schedule (issue 16). A recurring series: the sessions booked together share `series_id`, each knows its place
 * (`series_index`, 1-based) and the series' length (`series_count`), so the list can say "3 of 10". A cancelled
 * session has status 'cancelled' and `cancelled_at`; it never took place, so records and summaries skip it.
 */
export function migration0021(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('sessions').addColumn('series_id', 'text').execute();
      await db.schema.alterTable('sessions').addColumn('series_index', 'integer').execute();
      await db.schema.alterTable('sessions').addColumn('series_count', 'integer').execute();
      await db.schema.alterTable('sessions').addColumn('cancelled_at', 'bigint').execute();
      await db.schema.createIndex('sessions_series_idx').on('sessions').column('series_id').execute();
    },
  };
}
