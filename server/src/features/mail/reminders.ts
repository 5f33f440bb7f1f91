import { REMINDER_LEAD_MS, type MailKind } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { MailSendsTable } from '../../db/tables/mail.js';
import { AppError } from '../../lib/errors.js';
import { mailErrorReason, type Mailer } from '../../lib/mailer.js';
import { PartnersStore } from '../couples/partners.store.js';
import { sessionPartnerIds } from '../sessions/sessionViews.js';
import { renderMail } from './mailTemplate.js';
import { zoneOf } from './mail.service.js';
import type { MailStore } from './mail.store.js';

/** How often a process looks for reminders due (real time; tests call `tick` themselves). */
export const REMINDER_POLL_MS = 30_000;
/** A process holds a reminder it is sending this long; a process that died mid-send lets it go after. */
export const REMINDER_CLAIM_MS = 2 * 60_000;
/** Retries after a failed send: 30 s, doubling, at most 15 min apart, until the session's time. */
export const RETRY_BASE_MS = 30_000;
export const RETRY_MAX_MS = 15 * 60_000;
/** Reminders handled per tick, at most. */
const BATCH = 50;

type ReminderKind = Exclude<MailKind, 'invite'>;
const REMINDER_KINDS: ReminderKind[] = ['reminder_24h', 'reminder_1h'];

export const retryDelay = (attempts: number) => Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);

/** Which reminder is owed now for a session at `at`: the 24 h one until an hour before, then the 1 h one. */
export function reminderDue(at: number, now: number): ReminderKind | null {
  if (now >= at) return null;
  if (now >= at - REMINDER_LEAD_MS.reminder_1h) return 'reminder_1h';
  if (now >= at - REMINDER_LEAD_MS.reminder_24h) return 'reminder_24h';
  return null;
}

/**
 * Reminders 24 h and 1 h before a scheduled session, to each expected partner who has an e-mail address. State is
 * in `mail_sends` (a row per session, partner, kind and session time), so a restart forgets nothing and a second
 * process never sends the same reminder: a row is created once (unique key) and taken by one conditional UPDATE.
 * A moved session owes reminders for its new time; a row for a time the session no longer has, or for a session
 * that started or ended, or for a partner whose link was revoked, is skipped. A mail server that is down never blocks anything: the row is marked failed
 * and retried with a backoff until the session's time.
 */
export class ReminderScheduler {
  private readonly partners: PartnersStore;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly store: MailStore,
    private readonly mailer: Mailer,
  ) {
    this.partners = new PartnersStore(ctx.db);
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), REMINDER_POLL_MS);
    this.timer.unref();
    void this.tick();
  }

  close(): Promise<void> {
    clearInterval(this.timer);
    return this.running ?? Promise.resolve();
  }

  /** One pass: owe what became due, then send what is due. Never throws (a failure is logged and retried). */
  tick(): Promise<void> {
    this.running ??= (async () => {
      try {
        await this.oweDue();
        await this.sendDue();
      } catch (err) {
        this.ctx.logger.error({ err }, 'reminders pass failed');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async oweDue(): Promise<void> {
    const now = this.ctx.clock.now();
    const sessions = await this.ctx.db
      .selectFrom('sessions')
      .select(['id', 'couple_id', 'therapist_id', 'kind', 'partner_id', 'scheduled_at'])
      .where('status', '=', 'scheduled')
      .where('scheduled_at', '>', now)
      .where('scheduled_at', '<=', now + REMINDER_LEAD_MS.reminder_24h)
      .execute();
    for (const s of sessions) {
      const at = s.scheduled_at;
      const kind = at === null ? null : reminderDue(at, now);
      if (at === null || kind === null) continue;
      const partners = await this.partners.ofCouple(s.couple_id);
      const expected = sessionPartnerIds(
        s,
        partners.map((p) => p.id),
      );
      for (const p of partners) {
        if (!expected.includes(p.id) || !p.email) continue;
        // A session booked less than a day ahead gets only the 1 h reminder: the 24 h one is never owed late.
        await this.store.owe({
          sessionId: s.id,
          partnerId: p.id,
          therapistId: s.therapist_id,
          kind,
          scheduledFor: at,
          state: 'pending',
          now,
        });
      }
    }
  }

  private async sendDue(): Promise<void> {
    const now = this.ctx.clock.now();
    for (const row of await this.store.due(now, BATCH)) {
      if (row.kind === 'invite') continue;
      if (!(await this.store.claim(row, now, now + REMINDER_CLAIM_MS))) continue; // another process has it
      await this.sendOne({ ...row, attempts: row.attempts + 1 }, now);
    }
  }

  private async sendOne(row: MailSendsTable, now: number): Promise<void> {
    const session = await this.ctx.db
      .selectFrom('sessions')
      .select(['status', 'scheduled_at'])
      .where('id', '=', row.session_id)
      .executeTakeFirst();
    const to = await this.partners.recipient(row.partner_id);
    // "Use the link from your invitation" means nothing once the therapist revoked that partner's link.
    const link = await this.ctx.db
      .selectFrom('invites')
      .select('id')
      .where('session_id', '=', row.session_id)
      .where('partner_id', '=', row.partner_id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const stillOwed =
      link !== undefined &&
      session?.status === 'scheduled' &&
      session.scheduled_at === row.scheduled_for &&
      now < row.scheduled_for &&
      REMINDER_KINDS.includes(row.kind as ReminderKind) &&
      !!to?.email;
    if (!stillOwed || !to?.email) {
      await this.store.finish(row.id, 'skipped', now);
      return;
    }
    try {
      await this.ctx.limits.consume('remindersPerTherapist', row.therapist_id);
      const mail = renderMail({
        kind: row.kind,
        language: to.language,
        timeZone: zoneOf(to),
        scheduledAt: row.scheduled_for,
        therapistName: to.therapistName,
        practiceName: to.practiceName,
        url: null,
      });
      await this.mailer.send({ to: to.email, language: to.language, ...mail });
    } catch (err) {
      const reason = err instanceof AppError ? err.code : mailErrorReason(err);
      const next = Math.min(now + retryDelay(row.attempts), row.scheduled_for);
      this.ctx.logger.warn(
        { sessionId: row.session_id, partnerId: row.partner_id, kind: row.kind, attempts: row.attempts, reason },
        'reminder e-mail failed; will retry',
      );
      await this.store.finish(row.id, 'failed', this.ctx.clock.now(), { nextAttemptAt: next, error: reason });
      return;
    }
    await this.store.finish(row.id, 'sent', this.ctx.clock.now());
    await this.ctx.audit.record({
      actorType: 'system',
      actorId: null,
      action: 'mail.reminder',
      sessionId: row.session_id,
      targetId: row.partner_id,
    });
  }
}
