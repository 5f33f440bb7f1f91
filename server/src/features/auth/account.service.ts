import { ErrorCode, type ChangePasswordBody, type PracticeDto, type TherapistDto } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { AppError, unauthenticated } from '../../lib/errors.js';
import { hashPassword, hashToken, verifyPassword } from '../../lib/tokens.js';
import { assertStrongPassword } from './auth.service.js';
import { PracticeStore } from '../practice/practice.store.js';

/** A signed-in therapist's own account: password change, sign-out everywhere, the practice's name. */
export class AccountService {
  private readonly practiceStore: PracticeStore;

  constructor(private readonly ctx: AppContext) {
    this.practiceStore = new PracticeStore(ctx.db);
  }

  /** The practice's name (a part of its settings, kept for the account page's older client). */
  async practice(): Promise<PracticeDto> {
    return { practiceName: (await this.practiceStore.settings()).name };
  }

  /** Sets the name printed on the practice's records (empty: none); the caller is its owner or an admin. */
  async setPractice(therapistId: string, body: PracticeDto): Promise<PracticeDto> {
    await this.ctx.limits.consume('settingsPerTherapist', therapistId);
    const settings = await this.practiceStore.settings();
    await this.practiceStore.saveSettings({ ...settings, name: body.practiceName }, this.ctx.clock.now());
    await this.ctx.audit.record({ actorType: 'therapist', actorId: therapistId, action: 'therapist.practice_name' });
    return this.practice();
  }

  /**
   * Ends every sign-in session of the therapist (this one included) and announces it, so every live
   * connection they opened closes too. Returns how many sessions ended.
   */
  async signOutEverywhere(therapistId: string): Promise<number> {
    const ended = await this.ctx.db
      .deleteFrom('auth_sessions')
      .where('therapist_id', '=', therapistId)
      .returning('token_hash')
      .execute();
    this.ctx.credentialEnds.end({ kind: 'therapist', therapistId, tokenHashes: 'all' });
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'therapist.sign_out_everywhere',
    });
    return ended.length;
  }

  /**
   * Changes the password: needs the current one (counted by the same per-account wait as sign-in, so a stolen
   * cookie cannot guess it quickly), refuses a guessable new one, then ends every OTHER sign-in session of the
   * therapist (announced) and keeps the one that asked.
   */
  async changePassword(therapist: TherapistDto, currentToken: string, body: ChangePasswordBody): Promise<TherapistDto> {
    const { limits } = this.ctx;
    const row = await this.ctx.db
      .selectFrom('therapists')
      .select(['id', 'name', 'email', 'password_hash'])
      .where('id', '=', therapist.id)
      .executeTakeFirst();
    if (!row) throw unauthenticated();
    await limits.assertAccountAllowed(row.email);
    if (!(await verifyPassword(body.currentPassword, row.password_hash))) {
      await limits.accountFailed(row.email);
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: row.id,
        action: 'therapist.password_change_failed',
      });
      throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'That is not your current password.');
    }
    await limits.accountSucceeded(row.email);
    await assertStrongPassword(body.newPassword, [row.name, row.email]);
    const passwordHash = await hashPassword(body.newPassword, this.ctx.config.passwordHashCost);
    const keep = hashToken(currentToken);
    const ended = await this.ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('therapists').set({ password_hash: passwordHash }).where('id', '=', row.id).execute();
      return trx
        .deleteFrom('auth_sessions')
        .where('therapist_id', '=', row.id)
        .where('token_hash', '<>', keep)
        .returning('token_hash')
        .execute();
    });
    if (ended.length > 0) {
      this.ctx.credentialEnds.end({
        kind: 'therapist',
        therapistId: row.id,
        tokenHashes: ended.map((e) => e.token_hash),
      });
    }
    await this.ctx.audit.record({ actorType: 'therapist', actorId: row.id, action: 'therapist.password_change' });
    return { id: row.id, name: row.name, email: row.email };
  }
}
