import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * Where each partner is, who to call, and the private screening (issue 15); all of it is therapist-only once a
 * partner gives it. `partner_intakes`: one row per partner (their emergency contact, usual address and country, and
 * when they consented to telehealth, in which version). `session_locations`: per session per partner, where they
 * are (the usual place, or another address and country) and whether they are somewhere private. `screenings`: a
 * screening the therapist sent one partner, with its answers, score and risk items once answered (`flagged` 1/0,
 * null while open).
 */
export function migration0016(kind: DbKind): Migration {
  const real = kind === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('partner_intakes')
        .addColumn('partner_id', 'text', (c) => c.primaryKey().references('partners.id').onDelete('cascade'))
        .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
        .addColumn('contact_name', 'text', (c) => c.notNull())
        .addColumn('contact_phone', 'text', (c) => c.notNull())
        .addColumn('contact_relation', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('consent_version', 'integer', (c) => c.notNull())
        .addColumn('consent_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('session_locations')
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
        .addColumn('usual', 'integer', (c) => c.notNull())
        .addColumn('address', 'text')
        .addColumn('country', 'text')
        .addColumn('private', 'integer', (c) => c.notNull())
        .addColumn('confirmed_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('session_locations_pk', ['session_id', 'partner_id'])
        .execute();

      await db.schema
        .createTable('screenings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
        .addColumn('instrument_id', 'text', (c) => c.notNull())
        .addColumn('instrument_version', 'integer', (c) => c.notNull())
        .addColumn('sent_at', 'bigint', (c) => c.notNull())
        .addColumn('answered_at', 'bigint')
        .addColumn('answers', 'text')
        .addColumn('score', real)
        .addColumn('flagged', 'integer')
        .addColumn('risk_items', 'text')
        .execute();
      await db.schema
        .createIndex('screenings_partner_idx')
        .on('screenings')
        .columns(['partner_id', 'sent_at'])
        .execute();
    },
  };
}
