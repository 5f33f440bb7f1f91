/**
 * Sessions as the therapist's pages see them (`SessionDto`): each with its couple's name, the partners expected
 * and the state of each partner's latest link. Built for many rows at once: one read of the links of all of them
 * and one of each couple, however many sessions a schedule lists.
 */
import type { InviteStatusDto, SessionDto } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { InvitesTable, SessionsTable } from '../../db/schema.js';
import { toIso } from '../../lib/clock.js';
import type { CouplesService } from '../couples/couples.service.js';

export function inviteState(invite: InvitesTable | undefined, now: number): InviteStatusDto['state'] {
  if (!invite) return 'none';
  if (invite.revoked_at !== null) return 'revoked';
  if (invite.redeemed_at !== null) return 'redeemed';
  if (invite.expires_at <= now) return 'expired';
  return 'active';
}

/** Partners expected in a session: both for a joint one, the chosen one for an individual one. */
export function sessionPartnerIds(
  session: Pick<SessionsTable, 'kind' | 'partner_id'>,
  couplePartnerIds: string[],
): string[] {
  return session.kind === 'individual' && session.partner_id ? [session.partner_id] : couplePartnerIds;
}

export class SessionViews {
  constructor(
    private readonly ctx: AppContext,
    private readonly couples: CouplesService,
  ) {}

  /** The rows as DTOs, in the same order; every couple must be one this person may see. */
  async many(therapistId: string, rows: readonly SessionsTable[]): Promise<SessionDto[]> {
    if (rows.length === 0) return [];
    const coupleIds = [...new Set(rows.map((r) => r.couple_id))];
    const couples = new Map(
      await Promise.all(coupleIds.map(async (id) => [id, await this.couples.get(therapistId, id)] as const)),
    );
    const invites = await this.ctx.db
      .selectFrom('invites')
      .selectAll()
      .where(
        'session_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('created_at', 'desc')
      .execute();
    const seats = await this.ctx.db
      .selectFrom('session_clinicians')
      .innerJoin('therapists', 'therapists.id', 'session_clinicians.clinician_id')
      .select(['session_clinicians.session_id', 'therapists.id', 'therapists.name', 'session_clinicians.seat'])
      .where(
        'session_clinicians.session_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('session_clinicians.added_at')
      .execute();
    const now = this.ctx.clock.now();
    return rows.map((row) => {
      const clinicians = seats
        .filter((c) => c.session_id === row.id)
        .map((c) => ({ id: c.id, name: c.name, seat: c.seat }));
      const couple = couples.get(row.couple_id)!;
      const partnerIds = sessionPartnerIds(
        row,
        couple.partners.map((p) => p.id),
      );
      return {
        id: row.id,
        coupleId: row.couple_id,
        coupleName: couple.name,
        kind: row.kind,
        title: row.title,
        partnerIds,
        scheduledAt: toIso(row.scheduled_at),
        durationMinutes: row.duration_minutes,
        status: row.status,
        startedAt: toIso(row.started_at),
        endedAt: toIso(row.ended_at),
        cancelledAt: toIso(row.cancelled_at),
        series:
          row.series_id !== null && row.series_index !== null && row.series_count !== null
            ? { id: row.series_id, index: row.series_index, count: row.series_count }
            : null,
        invites: partnerIds.map((pid): InviteStatusDto => {
          const latest = invites.find((i) => i.session_id === row.id && i.partner_id === pid);
          return {
            partnerId: pid,
            state: inviteState(latest, now),
            expiresAt: toIso(latest?.expires_at ?? null),
            redeemedAt: toIso(latest?.redeemed_at ?? null),
          };
        }),
        seat: row.therapist_id === therapistId ? 'lead' : (clinicians.find((c) => c.id === therapistId)?.seat ?? null),
        clinicians,
      };
    });
  }
}
