import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  type CreateSeriesBody,
  type CreateSessionBody,
  type CreatedSeriesDto,
  type CreatedSessionDto,
  type IssuedInviteDto,
  type ScheduleItemDto,
  type SessionDto,
  type UpdateSessionBody,
  seriesStarts,
} from '@tandem/shared';
import { GrantsStore } from '../join/grants.store.js';
import type { AppContext } from '../../context.js';
import type { Transaction } from 'kysely';
import type { Database, SessionsTable } from '../../db/schema.js';
import { toIso } from '../../lib/clock.js';
import { AppError, badRequest, forbidden, notFound } from '../../lib/errors.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { CouplesService } from '../couples/couples.service.js';
import { ParticipantsStore } from './participants.store.js';
import { SessionViews, sessionPartnerIds } from './sessionViews.js';
import { Scope, couplesVisibleTo } from '../../access/scope.js';

/** A move may be to a little in the past (a late start), not further; and at most two years ahead. */
const RESCHEDULE_PAST_MS = 60 * 60_000;
const RESCHEDULE_AHEAD_MS = 2 * 366 * 86_400_000;
/** The schedule lists at most this many sessions (a month of a full practice). */
const SCHEDULE_MAX_ROWS = 500;

/** Every still-usable link of a partner for a session stops working. */
function revokeActiveInvites(trx: Transaction<Database>, sessionId: string, partnerId: string, now: number) {
  return trx
    .updateTable('invites')
    .set({ revoked_at: now })
    .where('session_id', '=', sessionId)
    .where('partner_id', '=', partnerId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Sessions and their invite links. */
export class SessionsService {
  private readonly participants: ParticipantsStore;
  private readonly scope: Scope;
  private readonly views: SessionViews;

  constructor(
    private readonly ctx: AppContext,
    private readonly couples: CouplesService,
  ) {
    this.participants = new ParticipantsStore(ctx.db);
    this.scope = new Scope(ctx.db);
    this.views = new SessionViews(ctx, couples);
  }

  /** The session row if this person may work on its couple (its clinician, or one the couple is shared with). */
  async ownedRow(therapistId: string, sessionId: string): Promise<SessionsTable> {
    const row = await this.ctx.db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
    if (!row) throw notFound('No such session.');
    if ((await this.scope.couple(therapistId, row.couple_id)) === 'none') throw forbidden();
    return row;
  }

  /**
   * The session row if this person runs it: its couple's own clinician (one the couple is shared with works on the
   * couple's data, and does not book, move, cancel, end or hand out links for its sessions).
   */
  async runRow(therapistId: string, sessionId: string): Promise<SessionsTable> {
    const row = await this.ownedRow(therapistId, sessionId);
    if ((await this.scope.couple(therapistId, row.couple_id)) !== 'assigned') {
      throw forbidden('Only the couple’s own clinician runs its sessions.');
    }
    return row;
  }

  async row(sessionId: string): Promise<SessionsTable | undefined> {
    return this.ctx.db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
  }

  async listForCouple(therapistId: string, coupleId: string): Promise<SessionDto[]> {
    await this.couples.get(therapistId, coupleId);
    const rows = await this.ctx.db
      .selectFrom('sessions')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .orderBy('created_at', 'desc')
      .execute();
    return this.views.many(therapistId, rows);
  }

  async get(therapistId: string, sessionId: string): Promise<SessionDto> {
    return (await this.views.many(therapistId, [await this.ownedRow(therapistId, sessionId)]))[0]!;
  }

  async create(therapistId: string, body: CreateSessionBody, origin: string): Promise<CreatedSessionDto> {
    const at = body.scheduledAt ? Date.parse(body.scheduledAt) : null;
    const { sessions, invites } = await this.book(therapistId, body, [at], origin);
    return { session: sessions[0]!, invites };
  }

  /**
   * A recurring series: `count` sessions a week or two apart at the same local time, booked in one transaction
   * (all or none), sharing a series id. Links are issued for the first; the others' links are issued when wanted.
   */
  async createSeries(therapistId: string, body: CreateSeriesBody, origin: string): Promise<CreatedSeriesDto> {
    const first = Date.parse(body.scheduledAt);
    const now = this.ctx.clock.now();
    if (first < now - RESCHEDULE_PAST_MS || first > now + RESCHEDULE_AHEAD_MS) {
      throw badRequest('scheduledAt: pick a time from now to two years ahead');
    }
    const starts = seriesStarts(first, body.repeat, body.count, body.timeZone ?? 'UTC');
    return this.book(therapistId, body, starts, origin);
  }

  /** Books one session per start (a series when more than one), in one transaction; links for the first. */
  private async book(
    therapistId: string,
    body: CreateSessionBody,
    starts: (number | null)[],
    origin: string,
  ): Promise<CreatedSeriesDto> {
    const couple = await this.couples.get(therapistId, body.coupleId);
    // The couple's own clinician runs its sessions (one it is shared with works on its data, books none).
    if ((await this.scope.couple(therapistId, body.coupleId)) !== 'assigned')
      throw forbidden('Only the couple’s own clinician books its sessions.');
    if (couple.archived) throw new AppError(ErrorCode.CONFLICT, 'This couple is archived.');
    if (body.kind === 'joint' && couple.jointPausedAt !== null) {
      throw new AppError(
        ErrorCode.CONFLICT,
        'Joint work is paused for this couple: book individual sessions, or resume joint work on the couple’s page.',
      );
    }
    const coupleIds = couple.partners.map((p) => p.id);
    if (body.kind === 'individual' && (!body.partnerId || !coupleIds.includes(body.partnerId))) {
      throw badRequest('partnerId: must be one of this couple’s partners');
    }
    const now = this.ctx.clock.now();
    const seriesId = starts.length > 1 ? randomUUID() : null;
    const rows: SessionsTable[] = starts.map((at, i) => ({
      id: randomUUID(),
      couple_id: couple.id,
      therapist_id: therapistId,
      kind: body.kind,
      partner_id: body.kind === 'individual' ? (body.partnerId ?? null) : null,
      // Untitled stays '' (the client names it by its date): a title is the therapist's words, never made up.
      title: body.title ?? '',
      scheduled_at: at,
      duration_minutes: body.durationMinutes ?? 50,
      status: 'scheduled',
      started_at: null,
      ended_at: null,
      therapist_disconnected_at: null,
      created_at: now,
      series_id: seriesId,
      series_index: seriesId === null ? null : i + 1,
      series_count: seriesId === null ? null : starts.length,
      cancelled_at: null,
    }));
    const partnerIds = sessionPartnerIds(rows[0]!, coupleIds);
    await this.ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('sessions').values(rows).execute();
      await trx
        .insertInto('session_participants')
        .values(
          rows.flatMap((row) =>
            partnerIds.map((pid) => ({
              session_id: row.id,
              partner_id: pid,
              admission: 'invited' as const,
              policy_ack_at: null,
              disconnected_at: null,
              updated_at: now,
            })),
          ),
        )
        .execute();
    });
    for (const row of rows) {
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: therapistId,
        action: 'session.create',
        sessionId: row.id,
      });
    }
    const firstId = rows[0]!.id;
    const invites: IssuedInviteDto[] = [];
    for (const pid of partnerIds) invites.push(await this.issueInvite(therapistId, firstId, pid, origin));
    return { sessions: await this.views.many(therapistId, rows), invites };
  }

  /**
   * Renames a session, or (while it is still scheduled) moves it: the links already sent, and the devices signed in
   * with them, follow the new time, so a partner's link still works at the hour the therapist moved it to.
   */
  async update(therapistId: string, sessionId: string, body: UpdateSessionBody): Promise<SessionDto> {
    const session = await this.runRow(therapistId, sessionId);
    const moving = body.scheduledAt !== undefined || body.durationMinutes !== undefined;
    if (moving) {
      if (session.status !== 'scheduled') {
        throw new AppError(ErrorCode.CONFLICT, 'Only a session that has not started can be moved.');
      }
      const now = this.ctx.clock.now();
      const at =
        body.scheduledAt === undefined
          ? session.scheduled_at
          : body.scheduledAt === null
            ? null
            : Date.parse(body.scheduledAt);
      if (at !== null && (at < now - RESCHEDULE_PAST_MS || at > now + RESCHEDULE_AHEAD_MS)) {
        throw badRequest('scheduledAt: pick a time from now to two years ahead');
      }
      const moved = {
        ...session,
        scheduled_at: at,
        duration_minutes: body.durationMinutes ?? session.duration_minutes,
      };
      const expiresAt = this.inviteExpiry(moved, now);
      await this.ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('sessions')
          .set({ scheduled_at: moved.scheduled_at, duration_minutes: moved.duration_minutes })
          .where('id', '=', sessionId)
          .execute();
        await trx
          .updateTable('invites')
          .set({ expires_at: expiresAt })
          .where('session_id', '=', sessionId)
          .where('revoked_at', 'is', null)
          .execute();
        await trx
          .updateTable('guest_grants')
          .set({ expires_at: expiresAt })
          .where('session_id', '=', sessionId)
          .execute();
      });
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: therapistId,
        action: 'session.reschedule',
        sessionId,
      });
    }
    if (body.title !== undefined) {
      await this.ctx.db.updateTable('sessions').set({ title: body.title }).where('id', '=', sessionId).execute();
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: therapistId,
        action: 'session.update',
        sessionId,
      });
    }
    return this.get(therapistId, sessionId);
  }

  /** The therapist's sessions scheduled in [from, to), and any live one, soonest first; who is in a live room. */
  async schedule(therapistId: string, from: number, to: number): Promise<ScheduleItemDto[]> {
    const rows = await this.ctx.db
      .selectFrom('sessions')
      .selectAll()
      .where('therapist_id', '=', therapistId)
      // Sessions they run, of couples they may still see (an account no longer clinical has none).
      .where('couple_id', 'in', (eb) =>
        eb.selectFrom('couples').select('couples.id').where(couplesVisibleTo(therapistId)),
      )
      .where((eb) =>
        eb.or([eb('status', '=', 'live'), eb.and([eb('scheduled_at', '>=', from), eb('scheduled_at', '<', to)])]),
      )
      .orderBy('scheduled_at')
      .limit(SCHEDULE_MAX_ROWS)
      .execute();
    const live = rows.filter((r) => r.status === 'live').map((r) => r.id);
    const grants = new GrantsStore(this.ctx.db);
    const present = (await Promise.all(live.map((id) => grants.forSession(id))))
      .flat()
      .filter((g) => g.admission === 'admitted' && g.disconnected_at === null);
    const items = (await this.views.many(therapistId, rows)).map((dto) => ({
      ...dto,
      joined: [...new Set(present.filter((p) => p.session_id === dto.id).map((p) => p.partner_id))],
    }));
    // Live ones first, then by time (an unscheduled live session has no time).
    return items.sort((a, b) => Number(b.status === 'live') - Number(a.status === 'live'));
  }

  /**
   * Issues a new link for a partner; any earlier link of theirs for this session stops working. Re-issuing
   * (a lost or forwarded link) also ends the devices signed in with the earlier links, unless the therapist asks
   * to keep them (a link for another device of the same person).
   */
  async issueInvite(
    therapistId: string,
    sessionId: string,
    partnerId: string,
    origin: string,
    options: { keepDevices?: boolean } = {},
  ): Promise<IssuedInviteDto> {
    const session = await this.runRow(therapistId, sessionId);
    if (session.status === 'ended') throw new AppError(ErrorCode.SESSION_ENDED, 'This session has ended.');
    if (session.status === 'cancelled') throw new AppError(ErrorCode.CONFLICT, 'This session was cancelled.');
    await this.assertSessionPartner(session, partnerId);
    const now = this.ctx.clock.now();
    const token = newToken();
    const expiresAt = this.inviteExpiry(session, now);
    const replaced = await this.ctx.db.transaction().execute(async (trx) => {
      await revokeActiveInvites(trx, sessionId, partnerId, now);
      const ended = options.keepDevices
        ? []
        : await trx
            .deleteFrom('guest_grants')
            .where('session_id', '=', sessionId)
            .where('partner_id', '=', partnerId)
            .returning('token_hash')
            .execute();
      await trx
        .insertInto('invites')
        .values({
          id: randomUUID(),
          session_id: sessionId,
          partner_id: partnerId,
          token_hash: hashToken(token),
          created_at: now,
          expires_at: expiresAt,
          redeemed_at: null,
          revoked_at: null,
        })
        .execute();
      return ended.map((r) => r.token_hash);
    });
    if (replaced.length > 0) {
      this.ctx.credentialEnds.end({ kind: 'guest', sessionId, partnerId, grantHashes: replaced, reason: 'replaced' });
    }
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'invite.issue',
      sessionId,
      targetId: partnerId,
    });
    return { partnerId, url: `${origin}/join#${token}`, expiresAt: toIso(expiresAt) ?? '' };
  }

  /** Revokes a partner's link and any device already signed in with it. */
  async revokeInvite(therapistId: string, sessionId: string, partnerId: string): Promise<SessionDto> {
    const session = await this.runRow(therapistId, sessionId);
    await this.assertSessionPartner(session, partnerId);
    const now = this.ctx.clock.now();
    const revoked = await this.ctx.db.transaction().execute(async (trx) => {
      await revokeActiveInvites(trx, sessionId, partnerId, now);
      return trx
        .deleteFrom('guest_grants')
        .where('session_id', '=', sessionId)
        .where('partner_id', '=', partnerId)
        .returning('token_hash')
        .execute();
    });
    // The devices signed in with it end now, with their live connections.
    this.ctx.credentialEnds.end({
      kind: 'guest',
      sessionId,
      partnerId,
      grantHashes: revoked.map((r) => r.token_hash),
      reason: 'revoked',
    });
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'invite.revoke',
      sessionId,
      targetId: partnerId,
    });
    return this.get(therapistId, sessionId);
  }

  /** Marks a session live the first time its therapist opens the room. */
  async markOpened(therapistId: string, sessionId: string): Promise<void> {
    const now = this.ctx.clock.now();
    const res = await this.ctx.db
      .updateTable('sessions')
      .set({ status: 'live', started_at: now })
      .where('id', '=', sessionId)
      .where('status', '=', 'scheduled')
      .executeTakeFirst();
    await this.ctx.audit.record({ actorType: 'therapist', actorId: therapistId, action: 'session.open', sessionId });
    if (res.numUpdatedRows > 0n) this.ctx.logger.info({ sessionId }, 'session live');
  }

  /** Ends a session: its links and partner cookies stop working. Returns false if it had already ended. */
  async end(therapistId: string, sessionId: string): Promise<boolean> {
    await this.runRow(therapistId, sessionId);
    const now = this.ctx.clock.now();
    const res = await this.ctx.db
      .updateTable('sessions')
      .set({ status: 'ended', ended_at: now })
      .where('id', '=', sessionId)
      .where('status', 'in', ['scheduled', 'live'])
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) return false;
    await this.ctx.db
      .updateTable('invites')
      .set({ revoked_at: now })
      .where('session_id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .execute();
    // Guest grants are kept (so a partner who reloads is told the session ended); the status check refuses them.
    await this.ctx.audit.record({ actorType: 'therapist', actorId: therapistId, action: 'session.end', sessionId });
    return true;
  }

  private inviteExpiry(session: SessionsTable, now: number): number {
    const ttl = this.ctx.config.inviteTtlHours * 3_600_000;
    const scheduledEnd =
      session.scheduled_at !== null ? session.scheduled_at + session.duration_minutes * 60_000 : null;
    return Math.max(scheduledEnd ?? now + session.duration_minutes * 60_000, now) + ttl;
  }

  private async assertSessionPartner(session: SessionsTable, partnerId: string): Promise<void> {
    const row = await this.participants.get(session.id, partnerId);
    if (!row) throw badRequest('partnerId: not a participant of this session');
  }
}
