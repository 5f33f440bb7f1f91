/**
 * Password reset by a single-use link (issue 16). Asked for by e-mail ("Forgot password": the same reply whether or
 * not the address has an account; the mail goes out after the reply, so timing tells nothing either), or issued by
 * the practice's owner for an account when this server sends no e-mail. The token is stored only as a hash, works
 * for an hour and once; a newer link replaces older ones. Using it sets a new password (the strength rule applies),
 * ends every sign-in of the account (announced, so live connections close) and signs nobody in: the next sign-in
 * asks for the password and, when the account has one, the second factor.
 */
import {
  ErrorCode,
  PASSWORD_RESET_TTL_MS,
  type ForgotPasswordBody,
  type ForgotPasswordDto,
  type ResetLinkDto,
  type ResetPasswordBody,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { toIso } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { Mailer } from '../../lib/mailer.js';
import { hashPassword, hashToken, newToken } from '../../lib/tokens.js';
import { assertStrongPassword } from './auth.service.js';
import { resetMail } from './resetMail.js';

export const RESET_PATH = '/reset-password';
const invalid = () => new AppError(ErrorCode.RESET_LINK_INVALID, 'This reset link is unknown, used or expired.');

export class PasswordResetService {
  constructor(
    private readonly ctx: AppContext,
    private readonly mailer: Mailer | null,
  ) {}

  /** A new link for the account (older unused ones stop working). */
  private async issue(therapistId: string, issuedBy: string | null, origin: string): Promise<ResetLinkDto> {
    const token = newToken();
    const now = this.ctx.clock.now();
    const expiresAt = now + PASSWORD_RESET_TTL_MS;
    await this.ctx.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('password_resets')
        .where('therapist_id', '=', therapistId)
        .where('used_at', 'is', null)
        .execute();
      await trx
        .insertInto('password_resets')
        .values({
          token_hash: hashToken(token),
          therapist_id: therapistId,
          issued_by: issuedBy,
          created_at: now,
          expires_at: expiresAt,
          used_at: null,
        })
        .execute();
    });
    // The token rides in the fragment: it never reaches a server log or a Referer header.
    return { url: `${origin}${RESET_PATH}#${token}`, expiresAt: toIso(expiresAt) ?? '' };
  }

  /** "Forgot password": rate-limited per address and per e-mail; the reply never says whether the account exists. */
  async request(body: ForgotPasswordBody, ip: string, origin: string): Promise<ForgotPasswordDto> {
    await this.ctx.limits.consume('resetRequestPerIp', ip);
    await this.ctx.limits.consume('resetRequestPerAddress', body.email);
    const mailer = this.mailer;
    if (!mailer) return { mail: false };
    const account = await this.ctx.db
      .selectFrom('therapists')
      .select(['id', 'email'])
      .where('email', '=', body.email)
      // A deactivated account gets no link (the same reply: nothing tells it apart from an unknown address).
      .where('deactivated_at', 'is', null)
      .executeTakeFirst();
    if (account) {
      const link = await this.issue(account.id, null, origin);
      await this.ctx.audit.record({
        actorType: 'anonymous',
        actorId: null,
        action: 'password_reset.request',
        targetId: account.id,
      });
      // After the reply: how long the mail server takes must not tell an address with an account from one without.
      setImmediate(() => {
        mailer
          .send({ to: account.email, language: body.language, ...resetMail(body.language, link.url) })
          .catch((err: unknown) => this.ctx.logger.warn({ err, therapistId: account.id }, 'reset e-mail not sent'));
      });
    }
    return { mail: true };
  }

  /**
   * A link issued by hand by the owner or an admin (the route checks `practice.manage`), for an active colleague:
   * never for oneself, and an admin only for clinicians (an admin who could reset the owner's or another admin's
   * password could take over their account).
   */
  async issueByManager(managerId: string, therapistId: string, origin: string): Promise<ResetLinkDto> {
    await this.ctx.limits.consume('resetLinksPerOwner', managerId);
    const people = await this.ctx.db
      .selectFrom('therapists')
      .select(['id', 'role', 'deactivated_at'])
      .where('id', 'in', [managerId, therapistId])
      .execute();
    const me = people.find((p) => p.id === managerId);
    const account = people.find((p) => p.id === therapistId);
    if (!account || account.deactivated_at !== null) throw new AppError(ErrorCode.NOT_FOUND, 'No such account.');
    if (account.id === managerId) {
      throw new AppError(ErrorCode.FORBIDDEN, 'Change your own password in your account settings.');
    }
    if (me?.role !== 'owner' && account.role !== 'clinician') {
      throw new AppError(ErrorCode.FORBIDDEN, 'Only the practice’s owner can do this for an admin or the owner.');
    }
    const link = await this.issue(account.id, managerId, origin);
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: managerId,
      action: 'password_reset.issue',
      targetId: account.id,
    });
    return link;
  }

  /** Uses a link: the new password, every sign-in ended. Nobody is signed in by it. */
  async complete(body: ResetPasswordBody, ip: string): Promise<null> {
    await this.ctx.limits.consume('resetUsePerIp', ip);
    const now = this.ctx.clock.now();
    const tokenHash = hashToken(body.token);
    const row = await this.ctx.db
      .selectFrom('password_resets as r')
      .innerJoin('therapists as t', 't.id', 'r.therapist_id')
      .select(['r.therapist_id', 'r.expires_at', 'r.used_at', 't.name', 't.email'])
      .where('r.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row || row.used_at !== null || Number(row.expires_at) <= now) {
      await this.ctx.audit.record({
        actorType: 'anonymous',
        actorId: null,
        action: 'password_reset.refused',
        targetId: row?.therapist_id ?? null,
      });
      throw invalid();
    }
    // A weak password leaves the link usable for a better one.
    await assertStrongPassword(body.newPassword, [row.name, row.email]);
    const passwordHash = await hashPassword(body.newPassword, this.ctx.config.passwordHashCost);
    const therapistId = row.therapist_id;
    await this.ctx.db.transaction().execute(async (trx) => {
      const used = await trx
        .updateTable('password_resets')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (used.numUpdatedRows !== 1n) throw invalid(); // used meanwhile by another request
      await trx.updateTable('therapists').set({ password_hash: passwordHash }).where('id', '=', therapistId).execute();
      await trx.deleteFrom('auth_sessions').where('therapist_id', '=', therapistId).execute();
    });
    this.ctx.credentialEnds.end({ kind: 'therapist', therapistId, tokenHashes: 'all' });
    await this.ctx.limits.accountSucceeded(row.email);
    await this.ctx.audit.record({
      actorType: 'anonymous',
      actorId: null,
      action: 'password_reset.use',
      targetId: therapistId,
    });
    return null;
  }
}
