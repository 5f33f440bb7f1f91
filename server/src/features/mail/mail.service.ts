import {
  ErrorCode,
  type EmailInviteResultDto,
  type IssuedInviteDto,
  type MailSendDto,
  type SessionMailDto,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { toIso } from '../../lib/clock.js';
import { AppError, badRequest } from '../../lib/errors.js';
import { mailErrorReason, type Mailer } from '../../lib/mailer.js';
import { hashToken } from '../../lib/tokens.js';
import type { CouplesService } from '../couples/couples.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { MailSendsTable } from '../../db/tables/mail.js';
import { renderMail } from './mailTemplate.js';
import { MailStore } from './mail.store.js';
import { PartnersStore, type Recipient } from '../couples/partners.store.js';

/** The couple's page lists at most this many e-mails (the newest). */
const COUPLE_SENDS_MAX = 500;

const sendDto = (r: MailSendsTable): MailSendDto => ({
  sessionId: r.session_id,
  partnerId: r.partner_id,
  kind: r.kind,
  state: r.state,
  attempts: r.attempts,
  updatedAt: toIso(r.updated_at) ?? '',
  nextAttemptAt: r.state === 'failed' ? toIso(r.next_attempt_at) : null,
});

/** A partner's e-mails give times in their zone (else the practice's, see `PartnersStore.recipient`), else UTC; the e-mail names it. */
export const zoneOf = (r: Pick<Recipient, 'timeZone'>) => r.timeZone ?? 'UTC';

/**
 * Invitations by e-mail. A link's token is never stored: the therapist's browser, which was just shown the link,
 * hands its token back, and the server checks it is the partner's current link before mailing it. An invitation
 * is sent while the therapist waits; if the mail server refuses, nothing is kept and the therapist is told
 * (MAIL_FAILED) and can try again.
 */
export class MailService {
  readonly store: MailStore;
  private readonly partners: PartnersStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly sessions: SessionsService,
    private readonly couples: CouplesService,
    private readonly mailer: Mailer | null,
  ) {
    this.store = new MailStore(ctx.db);
    this.partners = new PartnersStore(ctx.db);
  }

  get enabled(): boolean {
    return this.mailer !== null;
  }

  /** The mailer, or MAIL_NOT_CONFIGURED when this server sends no e-mail. */
  assertEnabled(): Mailer {
    if (!this.mailer) throw new AppError(ErrorCode.MAIL_NOT_CONFIGURED, 'E-mail is not set up on this server.');
    return this.mailer;
  }

  /** E-mails a partner the link the therapist was just shown (its token proves it is the current one). */
  async emailInvite(
    therapistId: string,
    sessionId: string,
    partnerId: string,
    token: string,
    origin: string,
  ): Promise<EmailInviteResultDto> {
    this.assertEnabled();
    await this.ctx.limits.consume('mailPerTherapist', therapistId);
    const session = await this.sessions.runRow(therapistId, sessionId);
    if (session.status === 'ended') throw new AppError(ErrorCode.SESSION_ENDED, 'This session has ended.');
    const invite = await this.ctx.db
      .selectFrom('invites')
      .select(['id', 'expires_at'])
      .where('token_hash', '=', hashToken(token))
      .where('session_id', '=', sessionId)
      .where('partner_id', '=', partnerId)
      .where('revoked_at', 'is', null)
      .where('redeemed_at', 'is', null)
      .executeTakeFirst();
    if (!invite || invite.expires_at <= this.ctx.clock.now()) {
      throw new AppError(
        ErrorCode.INVITE_INVALID,
        'This link is no longer this partner’s current one: make a new one.',
      );
    }
    await this.sendInvite(therapistId, session, partnerId, `${origin}/join#${token}`);
    return { partnerId, state: 'sent' };
  }

  /** E-mails the links of a session just created to the partners who have an address. */
  async emailCreated(
    therapistId: string,
    sessionId: string,
    invites: IssuedInviteDto[],
  ): Promise<EmailInviteResultDto[]> {
    this.assertEnabled();
    const session = await this.sessions.runRow(therapistId, sessionId);
    const sent: EmailInviteResultDto[] = [];
    for (const invite of invites) {
      const to = await this.partners.recipient(invite.partnerId);
      if (!to?.email) continue;
      await this.ctx.limits.consume('mailPerTherapist', therapistId);
      try {
        await this.sendInvite(therapistId, session, invite.partnerId, invite.url);
        sent.push({ partnerId: invite.partnerId, state: 'sent' });
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== ErrorCode.MAIL_FAILED) throw err;
        sent.push({ partnerId: invite.partnerId, state: 'failed' });
      }
    }
    return sent;
  }

  private async sendInvite(
    therapistId: string,
    session: { id: string; scheduled_at: number | null },
    partnerId: string,
    url: string,
  ): Promise<void> {
    const mailer = this.assertEnabled();
    const to = await this.partners.recipient(partnerId);
    if (!to || to.therapistId !== therapistId) throw badRequest('partnerId: not a participant of this session');
    if (!to.email) throw new AppError(ErrorCode.CONFLICT, 'This partner has no e-mail address yet.');
    const mail = renderMail({
      kind: 'invite',
      language: to.language,
      timeZone: zoneOf(to),
      scheduledAt: session.scheduled_at,
      therapistName: to.therapistName,
      practiceName: to.practiceName,
      url,
    });
    try {
      await mailer.send({ to: to.email, language: to.language, ...mail });
    } catch (err) {
      this.ctx.logger.warn({ sessionId: session.id, partnerId, reason: mailErrorReason(err) }, 'invite e-mail failed');
      throw new AppError(
        ErrorCode.MAIL_FAILED,
        'The mail server did not take the e-mail. Try again, or copy the link.',
      );
    }
    const now = this.ctx.clock.now();
    await this.store.owe({
      sessionId: session.id,
      partnerId,
      therapistId,
      kind: 'invite',
      scheduledFor: now,
      state: 'sent',
      now,
    });
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'mail.invite',
      sessionId: session.id,
      targetId: partnerId,
    });
  }

  /** What was e-mailed (or is owed) for a session, for its therapist. */
  async ofSession(therapistId: string, sessionId: string): Promise<SessionMailDto> {
    await this.ctx.limits.consume('mailPerTherapist', therapistId);
    await this.sessions.ownedRow(therapistId, sessionId);
    return { sends: (await this.store.ofSession(sessionId)).map(sendDto) };
  }

  /** What was e-mailed (or is owed) for a couple's sessions, newest first, for their therapist. */
  async ofCouple(therapistId: string, coupleId: string): Promise<SessionMailDto> {
    await this.ctx.limits.consume('mailPerTherapist', therapistId);
    await this.couples.get(therapistId, coupleId);
    return { sends: (await this.store.ofCouple(coupleId, COUPLE_SENDS_MAX)).map(sendDto) };
  }
}
