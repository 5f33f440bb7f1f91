/**
 * Inviting someone to the practice by a single-use link: the token is 128+ random bits, kept only as its hash,
 * expires after 7 days, and is spent by the sign-up that uses it (atomically: two sign-ups with one link, one
 * wins). The link is always shown to copy; with SMTP configured it can also go by e-mail in the invitee's language.
 */
import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  PRACTICE_LIMITS,
  type AcceptStaffInviteBody,
  type CreateStaffInviteBody,
  type CreatedStaffInviteDto,
  type StaffInviteDto,
  type StaffInviteLookupDto,
  type TherapistDto,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { toIso } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { mailErrorReason, type Mailer } from '../../lib/mailer.js';
import { hashPassword, hashToken, newToken } from '../../lib/tokens.js';
import type { StaffInvitesTable } from '../../db/tables/practice.js';
import { assertStrongPassword } from '../auth/auth.service.js';
import { PracticeStore } from './practice.store.js';
import { renderStaffInvite } from './inviteMail.js';

export function inviteDto(r: StaffInvitesTable): StaffInviteDto {
  return {
    id: r.id,
    email: r.email,
    role: r.role,
    clinical: Number(r.clinical) === 1,
    language: r.language,
    expiresAt: toIso(r.expires_at) ?? '',
  };
}

const invalid = () =>
  new AppError(ErrorCode.INVITE_INVALID, 'This invite link is not valid any more. Ask for a new one.');

export class InvitesService {
  private readonly store: PracticeStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly mailer: Mailer | null,
  ) {
    this.store = new PracticeStore(ctx.db);
  }

  async create(inviter: TherapistDto, body: CreateStaffInviteBody, origin: string): Promise<CreatedStaffInviteDto> {
    await this.ctx.limits.consume('practicePerTherapist', inviter.id);
    const now = this.ctx.clock.now();
    if (await this.store.emailTaken(body.email))
      throw new AppError(ErrorCode.CONFLICT, 'Someone of the practice already has this e-mail address.');
    if ((await this.store.openInvites(now)).length >= PRACTICE_LIMITS.openInvitesMax)
      throw new AppError(ErrorCode.CONFLICT, 'Too many open invites: revoke some first.');
    const token = newToken();
    const row: StaffInvitesTable = {
      id: randomUUID(),
      token_hash: hashToken(token),
      email: body.email,
      role: body.role,
      clinical: body.role === 'clinician' || body.clinical === true ? 1 : 0,
      language: body.language,
      created_by: inviter.id,
      created_at: now,
      expires_at: now + PRACTICE_LIMITS.inviteTtlMs,
      used_at: null,
      used_by: null,
    };
    await this.store.addInvite(row);
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: inviter.id,
      action: 'staff.invite',
      targetId: row.id,
    });
    const url = `${origin}/welcome#${token}`;
    const mailed = body.send === true ? await this.mail(inviter, row, url) : false;
    return { invite: inviteDto(row), url, mailed };
  }

  private async mail(inviter: TherapistDto, row: StaffInvitesTable, url: string): Promise<boolean> {
    if (!this.mailer) throw new AppError(ErrorCode.MAIL_NOT_CONFIGURED, 'E-mail is not set up: copy the link.');
    const settings = await this.store.settings();
    const mail = renderStaffInvite({
      language: row.language,
      practiceName: settings.name,
      inviterName: inviter.name,
      role: row.role,
      url,
    });
    try {
      await this.mailer.send({ to: row.email, language: row.language, ...mail });
    } catch (err) {
      this.ctx.logger.warn({ inviteId: row.id, reason: mailErrorReason(err) }, 'staff invite e-mail failed');
      return false;
    }
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: inviter.id,
      action: 'staff.invite_mail',
      targetId: row.id,
    });
    return true;
  }

  async revoke(actorId: string, id: string): Promise<void> {
    await this.ctx.limits.consume('practicePerTherapist', actorId);
    if (!(await this.store.revokeInvite(id, this.ctx.clock.now()))) throw notFound('No such open invite.');
    await this.ctx.audit.record({ actorType: 'therapist', actorId, action: 'staff.invite_revoke', targetId: id });
  }

  /** An open invite behind a token, or INVITE_INVALID (unknown, used or expired: the same answer). */
  private async open(token: string, ip: string): Promise<StaffInvitesTable> {
    await this.ctx.limits.consume('staffInvitePerIp', ip);
    const row = await this.store.inviteByHash(hashToken(token));
    if (!row || row.used_at !== null || row.expires_at <= this.ctx.clock.now()) throw invalid();
    return row;
  }

  async lookup(token: string, ip: string): Promise<StaffInviteLookupDto> {
    const row = await this.open(token, ip);
    const [settings, rule] = await Promise.all([
      this.store.settings(),
      this.ctx.db.selectFrom('first_run').select('require_second_factor').executeTakeFirst(),
    ]);
    return {
      practiceName: settings.name,
      email: row.email,
      role: row.role,
      language: row.language,
      secondFactorRequired: Number(rule?.require_second_factor ?? 0) === 1,
    };
  }

  /** Creates the account and spends the invite; the caller signs the new person in. */
  async accept(body: AcceptStaffInviteBody, ip: string): Promise<TherapistDto> {
    const row = await this.open(body.token, ip);
    await assertStrongPassword(body.password, [body.name, row.email]);
    const passwordHash = await hashPassword(body.password, this.ctx.config.passwordHashCost);
    const id = randomUUID();
    const now = this.ctx.clock.now();
    const spent = await this.ctx.db.transaction().execute(async (trx) => {
      const took = await trx
        .updateTable('staff_invites')
        .set({ used_at: now, used_by: id })
        .where('id', '=', row.id)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (Number(took.numUpdatedRows) !== 1) return false;
      const taken = await trx.selectFrom('therapists').select('id').where('email', '=', row.email).executeTakeFirst();
      if (taken) throw new AppError(ErrorCode.CONFLICT, 'An account with this e-mail address already exists.');
      await trx
        .insertInto('therapists')
        .values({
          id,
          name: body.name,
          email: row.email,
          password_hash: passwordHash,
          created_at: now,
          role: row.role,
          clinical: row.clinical,
        })
        .execute();
      return true;
    });
    if (!spent) throw invalid();
    await this.ctx.audit.record({ actorType: 'therapist', actorId: id, action: 'staff.sign_up', targetId: row.id });
    return { id, name: body.name, email: row.email, role: row.role, clinical: Number(row.clinical) === 1 };
  }
}
