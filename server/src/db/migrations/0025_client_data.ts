import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * The client's data and password reset (issue 16).
 * `retention_settings`: the practice's one retention rule (row id 1): null years = keep; N = delete a couple N years
 * after its last session. `job_claims`: a lease per background job (the retention sweep), so two processes never
 * run it at once: a process takes the row only while its `claimed_until` has passed.
 * `audit_log.detail`: counts only (rows a deletion removed per table), never content.
 * `password_resets`: single-use reset links, stored only as a hash, with their expiry, who issued them (null: the
 * person asked by e-mail) and when they were used.
 */
export function migration0025(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('audit_log').addColumn('detail', 'text').execute();
      await db.schema
        .createTable('retention_settings')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('years', 'integer')
        .addColumn('updated_by', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('job_claims')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('claimed_until', 'bigint', (c) => c.notNull())
        .addColumn('claimed_by', 'text', (c) => c.notNull())
        .addColumn('last_run_at', 'bigint')
        .execute();
      await db.schema
        .createTable('password_resets')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('therapist_id', 'text', (c) => c.notNull().references('therapists.id').onDelete('cascade'))
        .addColumn('issued_by', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('password_resets_therapist_idx')
        .on('password_resets')
        .column('therapist_id')
        .execute();
    },
  };
}
