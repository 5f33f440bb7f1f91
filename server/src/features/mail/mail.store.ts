import { randomUUID } from 'node:crypto';
import type { MailKind } from '@tandem/shared';
import type { Db } from '../../db/database.js';
import type { MailSendsTable } from '../../db/tables/mail.js';

/** Storage of `mail_sends`: rows are the claims (unique per session, partner, kind and time). */
export class MailStore {
  constructor(private readonly db: Db) {}

  /** Owes an e-mail unless it is already owed or sent (the unique key): true when this call created it. */
  async owe(row: {
    sessionId: string;
    partnerId: string;
    therapistId: string;
    kind: MailKind;
    scheduledFor: number;
    state: MailSendsTable['state'];
    now: number;
  }): Promise<boolean> {
    const res = await this.db
      .insertInto('mail_sends')
      .values({
        id: randomUUID(),
        session_id: row.sessionId,
        partner_id: row.partnerId,
        therapist_id: row.therapistId,
        kind: row.kind,
        scheduled_for: row.scheduledFor,
        state: row.state,
        attempts: row.state === 'sent' ? 1 : 0,
        next_attempt_at: row.now,
        claimed_until: null,
        last_error: null,
        created_at: row.now,
        updated_at: row.now,
      })
      .onConflict((oc) => oc.columns(['session_id', 'partner_id', 'kind', 'scheduled_for']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /** Reminders due now and held by no process (or by one whose hold ran out), oldest first. */
  async due(now: number, limit: number): Promise<MailSendsTable[]> {
    return this.db
      .selectFrom('mail_sends')
      .selectAll()
      .where('state', 'in', ['pending', 'failed'])
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
  }

  /**
   * Takes a due row for this process until `until`: one conditional UPDATE, so of two processes that read the same
   * row only one gets it. Counts the attempt.
   */
  async claim(row: MailSendsTable, now: number, until: number): Promise<boolean> {
    const res = await this.db
      .updateTable('mail_sends')
      .set({ claimed_until: until, attempts: row.attempts + 1, updated_at: now })
      .where('id', '=', row.id)
      .where('attempts', '=', row.attempts)
      .where('state', 'in', ['pending', 'failed'])
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async finish(
    id: string,
    state: 'sent' | 'skipped' | 'failed',
    now: number,
    extra: { nextAttemptAt?: number; error?: string } = {},
  ): Promise<void> {
    await this.db
      .updateTable('mail_sends')
      .set({
        state,
        claimed_until: null,
        updated_at: now,
        ...(extra.nextAttemptAt !== undefined ? { next_attempt_at: extra.nextAttemptAt } : {}),
        ...(extra.error !== undefined ? { last_error: extra.error } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  async ofCouple(coupleId: string, limit: number): Promise<MailSendsTable[]> {
    return this.db
      .selectFrom('mail_sends')
      .innerJoin('sessions', 'sessions.id', 'mail_sends.session_id')
      .selectAll('mail_sends')
      .where('sessions.couple_id', '=', coupleId)
      .orderBy('mail_sends.created_at', 'desc')
      .limit(limit)
      .execute();
  }

  async ofSession(sessionId: string): Promise<MailSendsTable[]> {
    return this.db
      .selectFrom('mail_sends')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('created_at')
      .execute();
  }
}
