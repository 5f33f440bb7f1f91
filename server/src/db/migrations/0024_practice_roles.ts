import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * A practice, not a single therapist (issue 16): each account's role (`owner`, `admin`, `clinician`), whether it
 * sees clinical data, and when it was deactivated; the practice's own settings (one row, id 1), copied from the
 * owner's row (its name and note format); couples shared with another clinician; and single-use clinician
 * invites (the token stored only as a hash).
 */
export function migration0024(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('therapists')
        .addColumn('role', 'text', (c) => c.notNull().defaultTo('clinician'))
        .execute();
      await db.schema
        .alterTable('therapists')
        .addColumn('clinical', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable('therapists').addColumn('deactivated_at', 'bigint').execute();
      await sql`update therapists set role = 'owner' where id in (select therapist_id from first_run)`.execute(db);

      await db.schema
        .createTable('practice')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('name', 'text')
        .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
        .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
        .addColumn('default_policy', 'text', (c) => c.notNull().defaultTo('no-secrets'))
        .addColumn('note_format', 'text')
        .addColumn('updated_at', 'bigint')
        .execute();
      await sql`insert into practice (id, name, note_format)
        select 1, therapists.practice_name, therapists.note_format
        from first_run inner join therapists on therapists.id = first_run.therapist_id`.execute(db);

      await db.schema
        .createTable('couple_shares')
        .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
        .addColumn('clinician_id', 'text', (c) => c.notNull().references('therapists.id').onDelete('cascade'))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('couple_shares_pk', ['couple_id', 'clinician_id'])
        .execute();
      await db.schema.createIndex('couple_shares_clinician_idx').on('couple_shares').column('clinician_id').execute();

      await db.schema
        .createTable('staff_invites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('clinical', 'integer', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .addColumn('used_by', 'text')
        .execute();
    },
  };
}
