import {
  ErrorCode,
  RECONNECT_GRACE_MS,
  type ParticipantView,
  type SelfView,
  type SessionSnapshot,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { rooms, type SocketData, type TandemServer, type TandemSocket } from '../../realtime/types.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { MapService } from '../map/map.service.js';
import { workspaceDocOf } from '../map/workspace.js';
import {
  admissionOnConnect,
  admit as admitTransition,
  decline as declineTransition,
  partnerPresence,
  roomView,
  therapistPresence,
} from './admission.js';

/** Waiting room, admission and presence. State lives in storage; connections are counted through the adapter. */
export class LobbyService {
  private readonly graceTimers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly ctx: AppContext,
    private readonly io: TandemServer,
    private readonly sessions: SessionsService,
    private readonly map: MapService,
  ) {}

  /** Places a new socket in its audience rooms and updates its admission. */
  async attach(socket: TandemSocket): Promise<void> {
    const d = socket.data;
    const now = this.ctx.clock.now();
    await socket.join(rooms.all(d.sessionId));
    if (d.role === 'therapist') {
      const partnerIds = await this.partnerIds(d.sessionId);
      await socket.join([
        rooms.therapist(d.sessionId),
        rooms.room(d.sessionId),
        ...partnerIds.map((p) => rooms.partner(d.sessionId, p)),
      ]);
      await this.ctx.db
        .updateTable('sessions')
        .set({ therapist_disconnected_at: null })
        .where('id', '=', d.sessionId)
        .execute();
      await this.sessions.markOpened(d.therapistId, d.sessionId);
    } else {
      const partnerId = d.partnerId as string;
      const others = await this.io.in(rooms.self(d.sessionId, partnerId)).fetchSockets();
      await socket.join([rooms.partner(d.sessionId, partnerId), rooms.self(d.sessionId, partnerId)]);
      const rec = await this.participant(d.sessionId, partnerId);
      const next = admissionOnConnect(
        { admission: rec.admission, disconnectedAt: rec.disconnected_at },
        now,
        others.length > 0,
      );
      await this.ctx.db
        .updateTable('session_participants')
        .set({ admission: next, disconnected_at: null, updated_at: now })
        .where('session_id', '=', d.sessionId)
        .where('partner_id', '=', partnerId)
        .execute();
      if (next === 'admitted') await socket.join(rooms.room(d.sessionId));
    }
    await this.broadcastPresence(d.sessionId);
  }

  /** A socket left: when it was the person's last one, start their reconnect grace. */
  async detach(data: SocketData): Promise<void> {
    const now = this.ctx.clock.now();
    const remaining = await this.io
      .in(data.partnerId ? rooms.self(data.sessionId, data.partnerId) : rooms.therapist(data.sessionId))
      .fetchSockets();
    if (remaining.length > 0) return;
    if (data.partnerId) {
      await this.ctx.db
        .updateTable('session_participants')
        .set({ disconnected_at: now, updated_at: now })
        .where('session_id', '=', data.sessionId)
        .where('partner_id', '=', data.partnerId)
        .execute();
    } else {
      await this.ctx.db
        .updateTable('sessions')
        .set({ therapist_disconnected_at: now })
        .where('id', '=', data.sessionId)
        .execute();
    }
    await this.broadcastPresence(data.sessionId);
    // When the grace runs out, everyone should see "left" without waiting for another event.
    const timer = setTimeout(() => {
      this.graceTimers.delete(timer);
      this.broadcastPresence(data.sessionId).catch((err: unknown) =>
        this.ctx.logger.error({ err }, 'presence broadcast failed'),
      );
    }, RECONNECT_GRACE_MS + 250);
    timer.unref();
    this.graceTimers.add(timer);
  }

  async snapshot(data: SocketData): Promise<SessionSnapshot> {
    const session = await this.sessions.row(data.sessionId);
    if (!session) throw notFound();
    const full = await this.presence(data.sessionId);
    const selfEntry = full.find((p) => p.id === data.personId);
    const self: SelfView = selfEntry ?? { id: data.personId, role: data.role, name: '', status: 'absent' };
    const inRoom = data.role === 'therapist' || self.status === 'online';
    return {
      sessionId: data.sessionId,
      sessionStatus: session.status,
      kind: session.kind,
      coupleId: session.couple_id,
      workspaceDoc: workspaceDocOf(session),
      mapLocked: await this.map.loadLock(session.couple_id),
      partners: (
        await this.ctx.db
          .selectFrom('partners')
          .select(['id', 'slot', 'display_name'])
          .where('couple_id', '=', session.couple_id)
          .orderBy('slot')
          .execute()
      ).map((p) => ({ id: p.id, slot: p.slot, name: p.display_name })),
      self,
      participants: data.role === 'therapist' ? full : inRoom ? roomView(full) : [],
      serverTime: this.ctx.clock.now(),
    };
  }

  async admit(therapistId: string, sessionId: string, partnerId: string): Promise<void> {
    await this.changeAdmission(therapistId, sessionId, partnerId, 'admit');
  }

  async decline(therapistId: string, sessionId: string, partnerId: string): Promise<void> {
    await this.changeAdmission(therapistId, sessionId, partnerId, 'decline');
  }

  /** Ends the session for everyone: they are told, then disconnected. */
  async endSession(therapistId: string, sessionId: string): Promise<void> {
    const ended = await this.sessions.end(therapistId, sessionId);
    const session = await this.sessions.row(sessionId);
    if (ended && session) {
      await this.map.snapshotSession(session);
      this.map.disconnectPartners(sessionId);
    }
    const endedAt = new Date(session?.ended_at ?? this.ctx.clock.now()).toISOString();
    this.io.to(rooms.all(sessionId)).emit('session:ended', { endedAt });
    // Let the event flush before the transport closes.
    setTimeout(() => this.io.in(rooms.all(sessionId)).disconnectSockets(true), 200).unref();
  }

  /** Drops a partner's live connections (their link was revoked). */
  async disconnectPartner(sessionId: string, partnerId: string): Promise<void> {
    this.io.in(rooms.self(sessionId, partnerId)).disconnectSockets(true);
    this.map.disconnectPartners(sessionId, partnerId);
    await this.broadcastPresence(sessionId);
  }

  /** Throws FORBIDDEN unless the partner is admitted to the session right now. */
  async assertAdmitted(sessionId: string, partnerId: string): Promise<void> {
    const rec = await this.participant(sessionId, partnerId);
    if (rec.admission !== 'admitted') throw forbidden('You are not in the session room.');
  }

  /**
   * Quick exit: the partner leaves at once. Their device's grant is dropped (the link no longer reopens the
   * session there), the therapist is told privately, and the room sees only that they left.
   */
  async quickExit(sessionId: string, partnerId: string): Promise<void> {
    const now = this.ctx.clock.now();
    const rec = await this.participant(sessionId, partnerId);
    if (rec.admission === 'left') return; // already gone (the page sends it twice: socket and keepalive request)
    await this.ctx.db
      .updateTable('session_participants')
      .set({ admission: 'left', disconnected_at: now, updated_at: now })
      .where('session_id', '=', sessionId)
      .where('partner_id', '=', partnerId)
      .execute();
    await this.ctx.db
      .deleteFrom('guest_grants')
      .where('session_id', '=', sessionId)
      .where('partner_id', '=', partnerId)
      .execute();
    await this.ctx.audit.record({ actorType: 'partner', actorId: partnerId, action: 'partner.quick_exit', sessionId });
    const partner = await this.ctx.db
      .selectFrom('partners')
      .select('display_name')
      .where('id', '=', partnerId)
      .executeTakeFirst();
    this.io.to(rooms.therapist(sessionId)).emit('alert:quick-exit', {
      partnerId,
      name: partner?.display_name ?? '',
      at: new Date(now).toISOString(),
    });
    this.io.in(rooms.self(sessionId, partnerId)).socketsLeave(rooms.room(sessionId));
    this.map.disconnectPartners(sessionId, partnerId);
    await this.broadcastPresence(sessionId);
    // Let the ack reach the partner's page before its connection closes.
    setTimeout(() => this.io.in(rooms.self(sessionId, partnerId)).disconnectSockets(true), 150).unref();
  }

  /** The full presence list (the therapist's view). */
  async presence(sessionId: string): Promise<ParticipantView[]> {
    const now = this.ctx.clock.now();
    const session = await this.ctx.db
      .selectFrom('sessions')
      .innerJoin('therapists', 'therapists.id', 'sessions.therapist_id')
      .select(['therapists.id as therapist_id', 'therapists.name', 'sessions.therapist_disconnected_at'])
      .where('sessions.id', '=', sessionId)
      .executeTakeFirst();
    if (!session) return [];
    const participants = await this.ctx.db
      .selectFrom('session_participants as sp')
      .innerJoin('partners', 'partners.id', 'sp.partner_id')
      .select(['sp.partner_id', 'sp.admission', 'sp.disconnected_at', 'partners.display_name', 'partners.slot'])
      .where('sp.session_id', '=', sessionId)
      .orderBy('partners.slot')
      .execute();
    const sockets = await this.io.in(rooms.all(sessionId)).fetchSockets();
    const connected = new Set(sockets.map((s) => s.data.personId));
    return [
      {
        id: session.therapist_id,
        role: 'therapist',
        name: session.name,
        status: therapistPresence(connected.has(session.therapist_id), session.therapist_disconnected_at, now),
      },
      ...participants.map((p): ParticipantView => ({
        id: p.partner_id,
        role: 'partner',
        name: p.display_name,
        status: partnerPresence(
          { admission: p.admission, disconnectedAt: p.disconnected_at },
          connected.has(p.partner_id),
          now,
        ),
      })),
    ];
  }

  async broadcastPresence(sessionId: string): Promise<void> {
    const list = await this.presence(sessionId);
    this.io.to(rooms.therapist(sessionId)).emit('presence:update', list);
    this.io.to(rooms.room(sessionId)).except(rooms.therapist(sessionId)).emit('presence:update', roomView(list));
  }

  close(): void {
    for (const t of this.graceTimers) clearTimeout(t);
    this.graceTimers.clear();
  }

  private async changeAdmission(
    therapistId: string,
    sessionId: string,
    partnerId: string,
    action: 'admit' | 'decline',
  ): Promise<void> {
    const session = await this.sessions.ownedRow(therapistId, sessionId);
    if (session.status === 'ended') throw new AppError(ErrorCode.SESSION_ENDED, 'This session has ended.');
    const rec = await this.participant(sessionId, partnerId);
    const partnerSockets = await this.io.in(rooms.self(sessionId, partnerId)).fetchSockets();
    const connected = partnerSockets.length > 0;
    const next =
      action === 'admit' ? admitTransition(rec.admission, connected) : declineTransition(rec.admission, connected);
    if (next !== rec.admission) {
      await this.ctx.db
        .updateTable('session_participants')
        .set({ admission: next, disconnected_at: null, updated_at: this.ctx.clock.now() })
        .where('session_id', '=', sessionId)
        .where('partner_id', '=', partnerId)
        .execute();
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: therapistId,
        action: action === 'admit' ? 'lobby.admit' : 'lobby.decline',
        sessionId,
        targetId: partnerId,
      });
    }
    const self = rooms.self(sessionId, partnerId);
    if (next === 'admitted') this.io.in(self).socketsJoin(rooms.room(sessionId));
    else this.io.in(self).socketsLeave(rooms.room(sessionId));
    const list = await this.presence(sessionId);
    const entry = list.find((p) => p.id === partnerId);
    if (entry) this.io.to(self).emit('self:update', entry);
    await this.broadcastPresence(sessionId);
  }

  private async participant(sessionId: string, partnerId: string) {
    const rec = await this.ctx.db
      .selectFrom('session_participants')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('partner_id', '=', partnerId)
      .executeTakeFirst();
    if (!rec) throw forbidden('That person is not part of this session.');
    return rec;
  }

  private async partnerIds(sessionId: string): Promise<string[]> {
    const rows = await this.ctx.db
      .selectFrom('session_participants')
      .select('partner_id')
      .where('session_id', '=', sessionId)
      .execute();
    return rows.map((r) => r.partner_id);
  }
}
