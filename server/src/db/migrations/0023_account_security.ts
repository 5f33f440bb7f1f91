import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * Account security (issue 16): a TOTP second factor per therapist (the secret, never sent back once enrolled;
 * the last accepted time step against replays), recovery codes stored hashed, the practice-wide "require a
 * second factor" switch on the instance's first-run row (its owner), and per sign-in: its step (`full`, or
 * waiting for a `code` or an `enrol`ment; `idle` once ended for inactivity), last activity and user agent.
 */
export function migration0023(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('therapists').addColumn('totp_secret', 'text').execute();
      await db.schema.alterTable('therapists').addColumn('totp_pending_secret', 'text').execute();
      await db.schema.alterTable('therapists').addColumn('totp_enabled_at', 'bigint').execute();
      await db.schema.alterTable('therapists').addColumn('totp_last_step', 'bigint').execute();
      await db.schema
        .createTable('recovery_codes')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('therapist_id', 'text', (c) => c.notNull().references('therapists.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await db.schema.createIndex('recovery_codes_therapist_idx').on('recovery_codes').column('therapist_id').execute();
      await db.schema
        .alterTable('first_run')
        .addColumn('require_second_factor', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('auth_sessions')
        .addColumn('stage', 'text', (c) => c.notNull().defaultTo('full'))
        .execute();
      await db.schema.alterTable('auth_sessions').addColumn('last_active_at', 'bigint').execute();
      await db.schema.alterTable('auth_sessions').addColumn('user_agent', 'text').execute();
      await db.schema.createIndex('auth_sessions_therapist_idx').on('auth_sessions').column('therapist_id').execute();
      await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'at']).execute();
    },
  };
}
