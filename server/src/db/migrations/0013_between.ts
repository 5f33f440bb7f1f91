import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * Between the sessions (issue 14). Each partner gets a personal, revocable link for the couple's case
 * (`case_links`, one live per partner: issuing another revokes the old), exchanged on a device for a cookie
 * (`case_grants`, the token's hash; revoking the link revokes its grants). Homework is the task agreed at a
 * session, for one partner (`partner_id`) or both (null), due once or repeating daily or weekly; each partner's
 * tick and private reflection is a row per period (`period` is the ISO date the period starts, or '' for a one-off
 * task). Conflict log entries are one partner's, read by that partner and the therapist only; the minute counts
 * and the pause flag are null when the partner did not say.
 */
export function migration0013(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('case_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('case_links_partner_idx').on('case_links').columns(['partner_id']).execute();

      await db.schema
        .createTable('case_grants')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('link_id', 'text', (c) => c.notNull().references('case_links.id').onDelete('cascade'))
        .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('case_grants_link_idx').on('case_grants').columns(['link_id']).execute();

      await db.schema
        .createTable('homework')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
        .addColumn('session_id', 'text', (c) => c.references('sessions.id').onDelete('set null'))
        .addColumn('partner_id', 'text', (c) => c.references('partners.id').onDelete('cascade'))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('due_at', 'bigint')
        .addColumn('repeat', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('closed_at', 'bigint')
        .execute();
      await db.schema.createIndex('homework_couple_idx').on('homework').columns(['couple_id', 'created_at']).execute();

      await db.schema
        .createTable('homework_marks')
        .addColumn('homework_id', 'text', (c) => c.notNull().references('homework.id').onDelete('cascade'))
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('done_at', 'bigint')
        .addColumn('reflection', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('homework_marks_pk', ['homework_id', 'partner_id', 'period'])
        .execute();

      await db.schema
        .createTable('conflict_entries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
        .addColumn('occurred_at', 'bigint', (c) => c.notNull())
        .addColumn('duration_min', 'integer')
        .addColumn('repair_min', 'integer')
        .addColumn('pause_used', 'integer')
        .addColumn('helped', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('conflict_entries_couple_idx')
        .on('conflict_entries')
        .columns(['couple_id', 'occurred_at'])
        .execute();
    },
  };
}
