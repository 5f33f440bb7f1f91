import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * Private drafting on the map, revealed on cue (issue 15). `draft_rounds`: a round the therapist opened in a
 * joint session (closed_at null while open). `draft_cards`: a partner's own draft card in a round (`seq`: its place, in the order written), its words and
 * version, and once revealed who asked, who agreed, when, and its id on the map. `draft_reveals`: the therapist's
 * request to reveal some of a partner's cards (the card ids and versions asked for, as JSON) and how it ended.
 */
export function migration0019(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('draft_rounds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('opened_by', 'text', (c) => c.notNull().references('therapists.id').onDelete('cascade'))
        .addColumn('opened_at', 'bigint', (c) => c.notNull())
        .addColumn('closed_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('draft_rounds_session_idx')
        .on('draft_rounds')
        .columns(['session_id', 'closed_at'])
        .execute();

      await db.schema
        .createTable('draft_cards')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('round_id', 'text', (c) => c.notNull().references('draft_rounds.id').onDelete('cascade'))
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('revealed_at', 'bigint')
        .addColumn('revealed_by', 'text')
        .addColumn('agreed_by', 'text')
        .addColumn('map_card_id', 'text')
        .execute();
      await db.schema
        .createIndex('draft_cards_round_idx')
        .on('draft_cards')
        .columns(['round_id', 'partner_id'])
        .execute();

      await db.schema
        .createTable('draft_reveals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('round_id', 'text', (c) => c.notNull().references('draft_rounds.id').onDelete('cascade'))
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'bigint', (c) => c.notNull())
        .addColumn('answered_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('draft_reveals_round_idx')
        .on('draft_reveals')
        .columns(['round_id', 'partner_id', 'status'])
        .execute();
    },
  };
}
