import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * The confidentiality policy per item (issue 15). `policy_versions`: every policy a couple has had (kind, the
 * therapist's own words, when, by whom); a change is a new version, never an overwrite (`couples.policy` mirrors the
 * current kind). `policy_acks`: a partner's acknowledgement of one version (once). `moved_items`: anything moved
 * from a private space into a shared one (a card shared with the room, a released summary, a revealed draft): what,
 * who, when, and the policy version current then. Existing couples get version 1 from their policy; a partner who
 * already acknowledged it in a session keeps that as their acknowledgement of version 1.
 */
export function migration0020(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('policy_versions')
        .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('words', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('policy_versions_pk', ['couple_id', 'version'])
        .execute();

      await db.schema
        .createTable('policy_acks')
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
        .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('acknowledged_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('policy_acks_pk', ['partner_id', 'version'])
        .execute();

      await db.schema
        .createTable('moved_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('moved_by_type', 'text', (c) => c.notNull())
        .addColumn('moved_by', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text')
        .addColumn('policy_version', 'integer', (c) => c.notNull())
        .addColumn('moved_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('moved_items_couple_idx')
        .on('moved_items')
        .columns(['couple_id', 'moved_at'])
        .execute();

      await sql`insert into policy_versions (couple_id, version, kind, words, created_by, created_at)
        select id, 1, policy, null, therapist_id, created_at from couples`.execute(db);
      await sql`insert into policy_acks (partner_id, couple_id, version, acknowledged_at)
        select sp.partner_id, p.couple_id, 1, min(sp.policy_ack_at)
        from session_participants sp join partners p on p.id = sp.partner_id
        where sp.policy_ack_at is not null
        group by sp.partner_id, p.couple_id`.execute(db);
    },
  };
}
