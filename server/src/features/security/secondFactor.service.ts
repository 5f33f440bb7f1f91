import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import {
  ErrorCode,
  SECURITY_LIMITS,
  type RecoveryCodesDto,
  type TherapistDto,
  type TotpDisableBody,
  type TotpEnrolmentDto,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { AppError, unauthenticated } from '../../lib/errors.js';
import { hashToken, verifyPassword } from '../../lib/tokens.js';
import { dataDirKey, SecretBox } from '../../lib/secretBox.js';

const ISSUER = 'Tandem';
/** A code from the step before or after is accepted too (clocks drift), each step once. */
const TOLERANCE_SECONDS = 30;
/** Recovery codes: no look-alike letters or digits; two groups of five (about 49 bits each). */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

const wrongCode = () => new AppError(ErrorCode.INVALID_CREDENTIALS, 'That code is not right. Check the app’s code.');

function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** What a TOTP secret is sealed to: its account (a sealed secret copied to another row does not open there). */
const sealedFor = (therapistId: string) => `totp:${therapistId}`;

/** One recovery code as stored: lower case, without its dash, hashed. */
const recoveryHash = (code: string) => hashToken(`recovery:${code.toLowerCase().replace(/-/g, '')}`);

/**
 * The TOTP second factor and its recovery codes. The secret is shown once, while enrolling, and never sent again;
 * recovery codes are kept only as hashes and each works once. Wrong codes are counted per account (any address)
 * and per address (any account): a few, then a wait.
 */
export class SecondFactorService {
  /** TOTP secrets are kept sealed (lib/secretBox.ts): a copy of the database alone cannot make codes. */
  private readonly box: SecretBox;

  constructor(private readonly ctx: AppContext) {
    const { secretKey, dataDir } = ctx.config;
    this.box = new SecretBox(secretKey ?? (() => dataDirKey(dataDir)));
  }

  /** A fresh secret for the authenticator app (as text and as a QR code), held until confirmed with a code. */
  async startEnrolment(me: TherapistDto): Promise<TotpEnrolmentDto> {
    await this.ctx.limits.consume('securityPerTherapist', me.id);
    const row = await this.account(me.id);
    if (row.totp_secret) throw new AppError(ErrorCode.CONFLICT, 'A second factor is already set up.');
    const secret = generateSecret();
    await this.ctx.db
      .updateTable('therapists')
      .set({ totp_pending_secret: this.box.seal(secret, sealedFor(me.id)) })
      .where('id', '=', me.id)
      .execute();
    const uri = generateURI({ issuer: ISSUER, label: me.email, secret });
    const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    return { secret, uri, qrSvg };
  }

  /** Confirms enrolment with a code from the app; returns the recovery codes (shown once). */
  async confirmEnrolment(me: TherapistDto, code: string, ip: string): Promise<RecoveryCodesDto> {
    const row = await this.account(me.id);
    if (row.totp_secret) throw new AppError(ErrorCode.CONFLICT, 'A second factor is already set up.');
    const pending = row.totp_pending_secret;
    if (!pending) throw new AppError(ErrorCode.CONFLICT, 'Start setting up the app first.');
    await this.assertMayTry(me.id, ip);
    const step = await this.totpStep(pending, code, null);
    if (step === null) return this.failed(me.id, ip, 'therapist.sign_in_code_failed');
    const now = this.ctx.clock.now();
    const codes = Array.from({ length: SECURITY_LIMITS.recoveryCodes }, newRecoveryCode);
    await this.ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('therapists')
        .set({
          totp_secret: this.box.seal(pending, sealedFor(me.id)),
          totp_pending_secret: null,
          totp_enabled_at: now,
          totp_last_step: step,
        })
        .where('id', '=', me.id)
        .execute();
      await trx.deleteFrom('recovery_codes').where('therapist_id', '=', me.id).execute();
      await trx
        .insertInto('recovery_codes')
        .values(codes.map((c) => ({ code_hash: recoveryHash(c), therapist_id: me.id, created_at: now, used_at: null })))
        .execute();
      // A sign-in that was held for enrolment is complete now.
      await trx
        .updateTable('auth_sessions')
        .set({ stage: 'full' })
        .where('therapist_id', '=', me.id)
        .where('stage', '=', 'enrol')
        .execute();
    });
    await this.ctx.limits.reset('secondFactorPerAccount', me.id);
    await this.ctx.audit.record({ actorType: 'therapist', actorId: me.id, action: 'therapist.totp_enable' });
    return { recoveryCodes: codes };
  }

  /**
   * Checks a second factor (a TOTP code, or a recovery code, which is spent) for an account; counts a wrong one.
   * Throws INVALID_CREDENTIALS when wrong, RATE_LIMITED after too many.
   */
  async check(therapistId: string, code: string, ip: string): Promise<'totp' | 'recovery'> {
    await this.assertMayTry(therapistId, ip);
    const row = await this.account(therapistId);
    if (!row.totp_secret) throw new AppError(ErrorCode.CONFLICT, 'No second factor is set up.');
    if (/^\d{6}$/.test(code)) {
      const step = await this.totpStep(row.totp_secret, code, row.totp_last_step ?? null);
      if (step !== null) {
        // Each step once, even when two requests carry the same code at the same moment.
        const taken = await this.ctx.db
          .updateTable('therapists')
          .set({ totp_last_step: step })
          .where('id', '=', therapistId)
          .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) === 1) return this.passed(therapistId, 'totp');
      }
    } else {
      const spent = await this.ctx.db
        .updateTable('recovery_codes')
        .set({ used_at: this.ctx.clock.now() })
        .where('code_hash', '=', recoveryHash(code))
        .where('therapist_id', '=', therapistId)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(spent.numUpdatedRows) === 1) {
        await this.ctx.audit.record({
          actorType: 'therapist',
          actorId: therapistId,
          action: 'therapist.recovery_code_used',
        });
        return this.passed(therapistId, 'recovery');
      }
    }
    return this.failed(therapistId, ip, 'therapist.sign_in_code_failed');
  }

  /** Turns the second factor off: the password and a code (or a recovery code); refused while the practice requires one. */
  async disable(me: TherapistDto, body: TotpDisableBody, ip: string): Promise<void> {
    const { limits } = this.ctx;
    const row = await this.account(me.id);
    if (!row.totp_secret) throw new AppError(ErrorCode.CONFLICT, 'No second factor is set up.');
    const rule = await this.ctx.db.selectFrom('first_run').select('require_second_factor').executeTakeFirst();
    if (Number(rule?.require_second_factor ?? 0) === 1)
      throw new AppError(ErrorCode.CONFLICT, 'Your practice requires a second factor for every account.');
    await limits.assertAccountAllowed(row.email);
    if (!(await verifyPassword(body.password, row.password_hash))) {
      await limits.accountFailed(row.email);
      await this.ctx.audit.record({ actorType: 'therapist', actorId: me.id, action: 'therapist.totp_disable_failed' });
      throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'That is not your current password.');
    }
    await limits.accountSucceeded(row.email);
    await this.check(me.id, body.code, ip);
    await this.ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('therapists')
        .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null })
        .where('id', '=', me.id)
        .execute();
      await trx.deleteFrom('recovery_codes').where('therapist_id', '=', me.id).execute();
    });
    await this.ctx.audit.record({ actorType: 'therapist', actorId: me.id, action: 'therapist.totp_disable' });
  }

  async recoveryCodesLeft(therapistId: string): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('recovery_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('therapist_id', '=', therapistId)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** The account's second-factor columns, its secrets opened (one stored before sealing existed is sealed now). */
  private async account(therapistId: string) {
    const row = await this.ctx.db
      .selectFrom('therapists')
      .select(['id', 'email', 'password_hash', 'totp_secret', 'totp_pending_secret', 'totp_last_step'])
      .where('id', '=', therapistId)
      .executeTakeFirst();
    if (!row) throw unauthenticated();
    const context = sealedFor(row.id);
    const open = (value: string | null | undefined) => (value ? this.box.open(value, context) : null);
    for (const column of ['totp_secret', 'totp_pending_secret'] as const) {
      const stored = row[column];
      if (stored && !SecretBox.isSealed(stored)) {
        await this.ctx.db
          .updateTable('therapists')
          .set({ [column]: this.box.seal(stored, context) })
          .where('id', '=', row.id)
          .where(column, '=', stored)
          .execute();
      }
    }
    return { ...row, totp_secret: open(row.totp_secret), totp_pending_secret: open(row.totp_pending_secret) };
  }

  /** The time step a code belongs to (null: wrong, or not after `after`). */
  private async totpStep(secret: string, code: string, after: number | null): Promise<number | null> {
    const res = await verify({
      secret,
      token: code,
      epoch: Math.floor(this.ctx.clock.now() / 1000),
      epochTolerance: TOLERANCE_SECONDS,
      ...(after === null ? {} : { afterTimeStep: Number(after) }),
    });
    return res.valid && 'timeStep' in res ? res.timeStep : null;
  }

  private async assertMayTry(therapistId: string, ip: string): Promise<void> {
    await this.ctx.limits.assertAllowed('secondFactorPerAccount', therapistId);
    await this.ctx.limits.assertAllowed('secondFactorPerIp', ip);
  }

  private async passed<K>(therapistId: string, kind: K): Promise<K> {
    await this.ctx.limits.reset('secondFactorPerAccount', therapistId);
    return kind;
  }

  private async failed(therapistId: string, ip: string, action: 'therapist.sign_in_code_failed'): Promise<never> {
    await this.ctx.audit.record({ actorType: 'therapist', actorId: therapistId, action });
    await this.ctx.limits.consume('secondFactorPerAccount', therapistId);
    await this.ctx.limits.consume('secondFactorPerIp', ip);
    throw wrongCode();
  }
}
