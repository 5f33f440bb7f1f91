import { randomUUID } from 'node:crypto';
import { ErrorCode, sessionClosed, type JoinInfoDto } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { PartnerPrincipal, Principals } from '../../access/principal.js';
import { toIso } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { PolicyService } from '../policy/policy.service.js';
import { GrantsStore } from './grants.store.js';

/** A partner's device, signed in to one session through its invite. */
export type GuestIdentity = PartnerPrincipal;

export { guestCookieName } from '../../access/principal.js';

const invalidLink = () =>
  new AppError(ErrorCode.INVITE_INVALID, 'This link no longer works. Ask your therapist for a new one.');

/** Partners never have accounts: an invite link is exchanged once for a per-session cookie. */
export class JoinService {
  private readonly grants: GrantsStore;
  constructor(
    private readonly ctx: AppContext,
    private readonly principals: Principals,
    private readonly policy: PolicyService,
  ) {
    this.grants = new GrantsStore(ctx.db);
  }

  /** Exchanges an invite token for a guest grant. Refuses unknown, used, revoked or expired links. */
  async redeem(
    token: string,
    ip: string,
    existingGrant: (sessionId: string) => string | undefined = () => undefined,
  ): Promise<{ sessionId: string; grantToken: string | null; expiresAt: number }> {
    await this.ctx.limits.consume('redeemPerIp', ip);
    const reopened = await this.reopen(token, existingGrant);
    if (reopened) return reopened;
    const now = this.ctx.clock.now();
    const grantToken = newToken();
    const result = await this.ctx.db.transaction().execute(async (trx) => {
      const invite = await trx
        .selectFrom('invites')
        .innerJoin('sessions', 'sessions.id', 'invites.session_id')
        .select([
          'invites.id',
          'invites.session_id',
          'invites.partner_id',
          'invites.expires_at',
          'invites.redeemed_at',
          'invites.revoked_at',
          'sessions.status',
        ])
        .where('invites.token_hash', '=', hashToken(token))
        .executeTakeFirst();
      // A link of a cancelled session says so (whoever holds it was told of that session anyway).
      if (invite?.status === 'cancelled') return 'cancelled' as const;
      if (!invite || invite.revoked_at !== null || invite.redeemed_at !== null || invite.expires_at <= now) return null;
      if (invite.status === 'ended') return null;
      const claimed = await trx
        .updateTable('invites')
        .set({ redeemed_at: now })
        .where('id', '=', invite.id)
        .where('redeemed_at', 'is', null)
        .executeTakeFirst();
      if (claimed.numUpdatedRows === 0n) return null;
      await trx
        .insertInto('guest_grants')
        .values({
          token_hash: hashToken(grantToken),
          invite_id: invite.id,
          session_id: invite.session_id,
          partner_id: invite.partner_id,
          created_at: now,
          expires_at: invite.expires_at,
          device_id: randomUUID(),
          // Every new device waits until the therapist admits this very device.
          admission: 'waiting',
          disconnected_at: null,
          policy_ack_at: null,
        })
        .execute();
      return invite;
    });
    if (result === 'cancelled') {
      throw new AppError(ErrorCode.SESSION_CANCELLED, 'This session was cancelled. Your therapist will be in touch.');
    }
    if (!result) throw invalidLink();
    await this.ctx.audit.record({
      actorType: 'partner',
      actorId: result.partner_id,
      action: 'invite.redeem',
      sessionId: result.session_id,
    });
    return { sessionId: result.session_id, grantToken, expiresAt: result.expires_at };
  }

  /**
   * The same partner opening their (already used) link again on a device that holds its cookie:
   * nothing new is issued, they are simply let through.
   */
  private async reopen(
    token: string,
    existingGrant: (sessionId: string) => string | undefined,
  ): Promise<{ sessionId: string; grantToken: null; expiresAt: number } | null> {
    const invite = await this.ctx.db
      .selectFrom('invites')
      .select(['id', 'session_id', 'partner_id', 'expires_at', 'redeemed_at', 'revoked_at'])
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!invite || invite.redeemed_at === null || invite.revoked_at !== null) return null;
    const grant = existingGrant(invite.session_id);
    if (!grant) return null;
    const row = await this.grants.device(hashToken(grant));
    if (!row || row.invite_id !== invite.id || row.expires_at <= this.ctx.clock.now()) return null;
    return { sessionId: invite.session_id, grantToken: null, expiresAt: row.expires_at };
  }

  /** The partner device behind a guest cookie for this session, or null (unknown, expired, revoked, or ended). */
  async resolve(sessionId: string, grantToken: string | undefined): Promise<GuestIdentity | null> {
    const found = await this.principals.partner(sessionId, grantToken);
    if (!found) return null;
    const session = await this.ctx.db
      .selectFrom('sessions')
      .select('status')
      .where('id', '=', sessionId)
      .executeTakeFirst();
    return session === undefined || sessionClosed(session.status) ? null : found;
  }

  async info(guest: GuestIdentity): Promise<JoinInfoDto> {
    const row = await this.ctx.db
      .selectFrom('sessions')
      .innerJoin('couples', 'couples.id', 'sessions.couple_id')
      .innerJoin('therapists', 'therapists.id', 'sessions.therapist_id')
      .innerJoin('session_participants as sp', (j) =>
        j.onRef('sp.session_id', '=', 'sessions.id').on('sp.partner_id', '=', guest.partnerId),
      )
      .innerJoin('partners', 'partners.id', 'sp.partner_id')
      .select([
        'sessions.id',
        'sessions.title',
        'sessions.kind',
        'sessions.status',
        'sessions.scheduled_at',
        'sessions.duration_minutes',
        'couples.name as couple_name',
        'therapists.name as therapist_name',
        'partners.id as partner_id',
        'partners.slot',
        'partners.display_name',
        'partners.language',
      ])
      .where('sessions.id', '=', guest.sessionId)
      .executeTakeFirstOrThrow();
    // Admission and the policy page are per device: a second device reads and waits on its own.
    const device = await this.grants.device(guest.credential.grantHash);
    // The page asks on each new device of each session (a reminder before joint work), and again whenever the
    // therapist changed the policy since this partner last acknowledged it.
    const policy = await this.policy.mine(guest);
    return {
      sessionId: row.id,
      title: row.title,
      coupleName: row.couple_name,
      kind: row.kind,
      status: row.status,
      therapistName: row.therapist_name,
      scheduledAt: toIso(row.scheduled_at),
      durationMinutes: row.duration_minutes,
      policy: policy.current.kind,
      policyVersion: policy.current.version,
      policyWords: policy.current.words,
      partner: { id: row.partner_id, slot: row.slot, displayName: row.display_name, language: row.language },
      admission: device?.admission ?? 'waiting',
      policyAcknowledged: (device?.policy_ack_at ?? null) !== null && policy.acknowledged,
    };
  }

  /**
   * Stores that the partner has read the confidentiality policy (DOMAIN.md: store each acknowledgement): the
   * version they read must be the current one (else nothing is stored), then this device may go on.
   */
  async acknowledgePolicy(guest: GuestIdentity, version: number): Promise<JoinInfoDto> {
    await this.policy.acknowledge(guest, version, guest.sessionId);
    await this.grants.acknowledgePolicy(guest.credential.grantHash, this.ctx.clock.now());
    await this.ctx.db
      .updateTable('session_participants')
      .set({ policy_ack_at: this.ctx.clock.now() })
      .where('session_id', '=', guest.sessionId)
      .where('partner_id', '=', guest.partnerId)
      .where('policy_ack_at', 'is', null)
      .execute();
    return this.info(guest);
  }
}
