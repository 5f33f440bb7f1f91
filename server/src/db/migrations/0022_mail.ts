import type { Kysely, Migration } from 'kysely';
import type { DbKind } from '../database.js';

/**
 * Invitations and reminders by e-mail (issue 16). A partner's e-mail address and IANA time zone (therapist-only,
 * both null until the therapist sets them). `mail_sends`: one row per e-mail Tandem owes someone, for a session,
 * a partner, a kind (`reminder_24h`, `reminder_1h`) and the session time it was for; the unique key makes the row
 * the claim, so two processes never send the same reminder. Its state (pending, sent, failed, skipped), attempts,
 * when the next attempt is due and until when a process holds it. Invitations are sent while the therapist waits
 * (the link exists only then) and leave a row of kind `invite` with scheduled_for 0 per send.
 */
export function migration0022(_kind: DbKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('partners').addColumn('email', 'text').execute();
      await db.schema.alterTable('partners').addColumn('time_zone', 'text').execute();
      await db.schema
        .createTable('mail_sends')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id').onDelete('cascade'))
        .addColumn('therapist_id', 'text', (c) => c.notNull().references('therapists.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('scheduled_for', 'bigint', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('claimed_until', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('mail_sends_once_idx')
        .on('mail_sends')
        .columns(['session_id', 'partner_id', 'kind', 'scheduled_for'])
        .unique()
        .execute();
      await db.schema
        .createIndex('mail_sends_due_idx')
        .on('mail_sends')
        .columns(['state', 'next_attempt_at'])
        .execute();
    },
  };
}
