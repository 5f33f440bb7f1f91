import Bowser from 'bowser';
import { ErrorCode, SECURITY_LIMITS, type DeviceDto, type SecurityStateDto } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { SignIns } from '../../access/signIns.js';
import { deviceIdOf } from '../../access/signIns.js';
import { AppError } from '../../lib/errors.js';
import type { SecondFactorService } from './secondFactor.service.js';

/** "Firefox 128 on Windows 10"; an agent Bowser cannot read shows its first words. */
export function summariseUserAgent(ua: string | null | undefined): string {
  if (!ua) return '';
  const parsed = Bowser.parse(ua);
  const browser = [parsed.browser.name, parsed.browser.version?.split('.')[0]].filter(Boolean).join(' ');
  const os = [parsed.os.name, parsed.os.versionName ?? parsed.os.version?.split('.')[0]].filter(Boolean).join(' ');
  if (browser && os) return `${browser} · ${os}`;
  return browser || os || ua.slice(0, 40);
}

/** One's signed-in devices (sign-ins), signing one out, and the practice's second-factor rule. */
export class DevicesService {
  constructor(
    private readonly ctx: AppContext,
    private readonly signIns: SignIns,
    private readonly secondFactor: SecondFactorService,
  ) {}

  async state(therapistId: string): Promise<SecurityStateDto> {
    const row = await this.ctx.db
      .selectFrom('therapists')
      .select('totp_secret')
      .where('id', '=', therapistId)
      .executeTakeFirst();
    return {
      totpEnabled: Boolean(row?.totp_secret),
      recoveryCodesLeft: await this.secondFactor.recoveryCodesLeft(therapistId),
      requireSecondFactor: await this.signIns.requireSecondFactor(),
      isOwner: await this.signIns.isOwner(therapistId),
      idleMinutes: SECURITY_LIMITS.idleMs / 60_000,
      lifetimeHours: SECURITY_LIMITS.lifetimeMs / 3_600_000,
    };
  }

  /** Complete, unexpired sign-ins, the most recently active first; the asking device is marked. */
  async list(therapistId: string, currentTokenHash: string): Promise<DeviceDto[]> {
    await this.ctx.limits.consume('securityPerTherapist', therapistId);
    const rows = await this.ctx.db
      .selectFrom('auth_sessions')
      .select(['token_hash', 'created_at', 'last_active_at', 'user_agent'])
      .where('therapist_id', '=', therapistId)
      .where('stage', '=', 'full')
      .where('expires_at', '>', this.ctx.clock.now())
      .execute();
    return rows
      .map((r) => ({
        id: deviceIdOf(r.token_hash),
        summary: summariseUserAgent(r.user_agent),
        signedInAt: new Date(r.created_at).toISOString(),
        lastActiveAt: new Date(r.last_active_at ?? r.created_at).toISOString(),
        current: r.token_hash === currentTokenHash,
      }))
      .sort((a, b) => Number(b.current) - Number(a.current) || b.lastActiveAt.localeCompare(a.lastActiveAt));
  }

  /** Signs one of one's devices out: its cookie stops working and its live connections end. */
  async signOut(therapistId: string, deviceId: string): Promise<void> {
    await this.ctx.limits.consume('securityPerTherapist', therapistId);
    const rows = await this.ctx.db
      .selectFrom('auth_sessions')
      .select('token_hash')
      .where('therapist_id', '=', therapistId)
      .execute();
    const hit = rows.find((r) => deviceIdOf(r.token_hash) === deviceId);
    if (!hit) throw new AppError(ErrorCode.NOT_FOUND, 'That device is not signed in.');
    await this.ctx.db.deleteFrom('auth_sessions').where('token_hash', '=', hit.token_hash).execute();
    this.ctx.credentialEnds.end({ kind: 'therapist', therapistId, tokenHashes: [hit.token_hash] });
    await this.ctx.audit.record({ actorType: 'therapist', actorId: therapistId, action: 'therapist.device_sign_out' });
  }

  /** The owner's switch: every account must have a second factor (those without one enrol at their next sign-in). */
  async setRequireSecondFactor(ownerId: string, required: boolean): Promise<SecurityStateDto> {
    await this.ctx.limits.consume('securityPerTherapist', ownerId);
    await this.ctx.db
      .updateTable('first_run')
      .set({ require_second_factor: required ? 1 : 0 })
      .where('id', '=', 1)
      .execute();
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: ownerId,
      action: 'practice.require_second_factor',
    });
    return this.state(ownerId);
  }
}
