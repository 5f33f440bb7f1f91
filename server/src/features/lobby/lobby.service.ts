import {
  ErrorCode,
  RECONNECT_GRACE_MS,
  type DeviceAdmission,
  type ParticipantView,
  type SessionSnapshot,
  sessionClosed,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import type { Publisher } from '../../realtime/publisher.js';
import type { Roster } from '../../realtime/roster.js';
import type { PartnerSocketData, SocketData, TandemSocket } from '../../realtime/types.js';
import { GrantsStore } from '../join/grants.store.js';
import { PartnersStore } from '../couples/partners.store.js';
import { ParticipantsStore } from '../sessions/participants.store.js';
import { SessionEventsStore } from '../sessions/events.store.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { MapService } from '../map/map.service.js';
import { workspaceDocOf } from '../map/workspace.js';
import {
  admit as admitTransition,
  decline as declineTransition,
  deviceAdmissionOnConnect,
  roomView,
  therapistPresence,
} from './admission.js';
import { deviceViews, partnerAdmissionOf, personStatus, selfOf, targetDevice } from './presence.js';

const deviceSubject = (d: PartnerSocketData) =>
  ({ role: 'partner', personId: d.partnerId, deviceId: d.deviceId }) as const;

/**
 * Waiting room, admission and presence. Admission is per device (one guest grant) and lives in storage only;
 * Socket.IO rooms follow it (a device joins the room and its partner audience once admitted), and connections
 * are counted through the adapter.
 */
export class LobbyService {
  private readonly graceTimers = new Set<NodeJS.Timeout>();
  private readonly grants: GrantsStore;
  private readonly partners: PartnersStore;
  private readonly participants: ParticipantsStore;
  /** Comings and goings for the session record (written here, where they happen). */
  private readonly events: SessionEventsStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly publish: Publisher,
    private readonly roster: Roster,
    private readonly sessions: SessionsService,
    private readonly map: MapService,
  ) {
    this.grants = new GrantsStore(ctx.db);
    this.partners = new PartnersStore(ctx.db);
    this.participants = new ParticipantsStore(ctx.db);
    this.events = new SessionEventsStore(ctx.db);
  }

  /** Places a new socket in its rooms and updates its device's admission. */
  async attach(socket: TandemSocket): Promise<void> {
    const d = socket.data;
    const now = this.ctx.clock.now();
    if (d.role === 'therapist' && d.seat !== 'lead') {
      // A co-therapist or supervisor: in the clinicians' audiences; the session's own state is its runner's.
      await this.roster.placeTherapist(socket, await this.participants.partnerIds(d.sessionId));
    } else if (d.role === 'therapist') {
      const partnerIds = await this.participants.partnerIds(d.sessionId);
      const before = await this.roster.clinician(d.sessionId, d.therapistId);
      await this.roster.placeTherapist(socket, partnerIds);
      await this.ctx.db
        .updateTable('sessions')
        .set({ therapist_disconnected_at: null })
        .where('id', '=', d.sessionId)
        .execute();
      await this.sessions.markOpened(d.therapistId, d.sessionId);
      if (before.length === 0) {
        await this.events.add(d.sessionId, 'enter', { role: 'therapist', personId: d.therapistId }, now);
      }
    } else {
      await this.attachDevice(socket, d);
    }
    await this.broadcastPresence(d.sessionId);
  }

  /**
   * A partner device: it waits unless the therapist admitted this very device (and it is back within the
   * reconnect grace, or another tab of it is still connected). Until admitted it is in no audience room: it
   * receives nothing but its own admission state.
   */
  private async attachDevice(socket: TandemSocket, d: PartnerSocketData): Promise<void> {
    const now = this.ctx.clock.now();
    const device = await this.grants.device(d.grantHash);
    if (!device) throw forbidden('This device was removed from the session.');
    const others = await this.roster.device(d.sessionId, d.deviceId);
    await this.roster.placeDevice(socket);
    const next = deviceAdmissionOnConnect(
      { admission: device.admission, disconnectedAt: device.disconnected_at },
      now,
      others.length > 0,
    );
    await this.grants.setAdmission(d.grantHash, next);
    await this.syncPartner(d.sessionId, d.partnerId);
    if (next === 'admitted') {
      await this.roster.admitSocket(socket);
      // The device's first connection in the room (a second tab of it is no new arrival).
      if (others.length === 0) await this.events.add(d.sessionId, 'enter', deviceSubject(d), now);
    }
  }

  /** A socket left: when it was its device's (or the therapist's) last one, start the reconnect grace. */
  async detach(data: SocketData): Promise<void> {
    const now = this.ctx.clock.now();
    const remaining =
      data.role === 'partner'
        ? await this.roster.device(data.sessionId, data.deviceId)
        : await this.roster.clinician(data.sessionId, data.therapistId);
    if (remaining.length > 0) return;
    if (data.role === 'therapist' && data.seat !== 'lead') {
      await this.broadcastPresence(data.sessionId);
      return;
    }
    // A leave of a device that was not in the room (still waiting) is ignored when the record is built.
    await this.events.add(
      data.sessionId,
      'leave',
      data.role === 'partner' ? deviceSubject(data) : { role: 'therapist', personId: data.therapistId },
      now,
    );
    if (data.role === 'partner') {
      await this.grants.setDisconnected(data.grantHash, now);
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
    const self = selfOf(full, data);
    const inRoom = data.role === 'therapist' || self.status === 'online';
    // A device that is not admitted learns nothing but its own admission state.
    if (!inRoom) {
      if (data.role === 'partner' && self.status === 'waiting' && (await this.wasAdmitted(session, data.partnerId)))
        self.returning = true;
      return {
        sessionId: data.sessionId,
        sessionStatus: session.status,
        kind: session.kind,
        coupleId: session.couple_id,
        workspaceDoc: workspaceDocOf(session),
        mapLocked: false,
        partners: [],
        self,
        participants: [],
        serverTime: this.ctx.clock.now(),
      };
    }
    return {
      sessionId: data.sessionId,
      sessionStatus: session.status,
      kind: session.kind,
      coupleId: session.couple_id,
      workspaceDoc: workspaceDocOf(session),
      mapLocked: await this.map.loadLock(session.couple_id),
      partners: (await this.partners.ofCouple(session.couple_id)).map((p) => ({
        id: p.id,
        slot: p.slot,
        name: p.display_name,
      })),
      self,
      participants: data.role === 'therapist' ? full : roomView(full),
      serverTime: this.ctx.clock.now(),
    };
  }

  async admit(therapistId: string, sessionId: string, partnerId: string, deviceId?: string): Promise<void> {
    await this.changeAdmission(therapistId, sessionId, partnerId, deviceId, 'admit');
  }

  async decline(therapistId: string, sessionId: string, partnerId: string, deviceId?: string): Promise<void> {
    await this.changeAdmission(therapistId, sessionId, partnerId, deviceId, 'decline');
  }

  /**
   * The therapist removes one device: its grant is deleted (the link no longer opens the session there), its
   * live connections end, and the partner's other devices stay as they are.
   */
  async removeDevice(therapistId: string, sessionId: string, partnerId: string, deviceId: string): Promise<void> {
    await this.sessions.ownedRow(therapistId, sessionId);
    const hashes = await this.grants.remove(sessionId, partnerId, deviceId);
    if (hashes.length === 0) throw notFound('No such device.');
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'lobby.remove_device',
      sessionId,
      targetId: deviceId,
    });
    this.ctx.credentialEnds.end({ kind: 'guest', sessionId, partnerId, grantHashes: hashes, reason: 'removed' });
    await this.syncPartner(sessionId, partnerId);
    await this.broadcastPresence(sessionId);
  }

  /** Ends the session for everyone: they are told, then disconnected. */
  async endSession(therapistId: string, sessionId: string): Promise<void> {
    const ended = await this.sessions.end(therapistId, sessionId);
    const session = await this.sessions.row(sessionId);
    if (ended && session) await this.map.snapshotSession(session);
    const endedAt = new Date(session?.ended_at ?? this.ctx.clock.now()).toISOString();
    this.publish.toEveryone(sessionId).emit('session:ended', { endedAt });
    // Every credential opened for the session ends with it: sockets and /collab connections close.
    this.ctx.credentialEnds.end({ kind: 'session', sessionId });
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
    await this.grants.remove(sessionId, partnerId);
    await this.ctx.audit.record({ actorType: 'partner', actorId: partnerId, action: 'partner.quick_exit', sessionId });
    const name = await this.partners.displayName(partnerId);
    this.publish.toTherapist(sessionId).emit('alert:quick-exit', {
      partnerId,
      name: name ?? '',
      at: new Date(now).toISOString(),
    });
    this.roster.removePartner(sessionId, partnerId);
    this.map.disconnectPartners(sessionId, partnerId);
    await this.broadcastPresence(sessionId);
    // Let the ack reach the partner's page before its connection closes.
    setTimeout(() => this.roster.disconnectPartner(sessionId, partnerId), 150).unref();
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
    const participants = await this.participants.withPartners(sessionId);
    const sockets = await this.roster.session(sessionId);
    const connected = new Set(sockets.map((s) => s.data.personId));
    const connectedDevices = new Set(sockets.flatMap((s) => (s.data.role === 'partner' ? [s.data.deviceId] : [])));
    const grants = await this.grants.forSession(sessionId);
    const clinicians = await this.ctx.db
      .selectFrom('session_clinicians')
      .innerJoin('therapists', 'therapists.id', 'session_clinicians.clinician_id')
      .select(['therapists.id', 'therapists.name', 'session_clinicians.seat'])
      .where('session_clinicians.session_id', '=', sessionId)
      .orderBy('session_clinicians.added_at')
      .execute();
    return [
      {
        id: session.therapist_id,
        role: 'therapist',
        name: session.name,
        status: therapistPresence(connected.has(session.therapist_id), session.therapist_disconnected_at, now),
        seat: 'lead',
      },
      ...clinicians.map((c): ParticipantView => ({
        id: c.id,
        role: 'therapist',
        name: c.name,
        status: connected.has(c.id) ? 'online' : 'absent',
        seat: c.seat,
      })),
      ...participants.map((p): ParticipantView => {
        const devices = deviceViews(
          grants.filter((g) => g.partner_id === p.partner_id),
          connectedDevices,
          now,
        );
        return {
          id: p.partner_id,
          role: 'partner',
          name: p.display_name,
          status: personStatus(devices, p.admission),
          devices,
        };
      }),
    ];
  }

  async broadcastPresence(sessionId: string): Promise<void> {
    const list = await this.presence(sessionId);
    this.publish.toTherapist(sessionId).emit('presence:update', list);
    this.publish.toRoomPartners(sessionId).emit('presence:update', roomView(list));
  }

  close(): void {
    for (const t of this.graceTimers) clearTimeout(t);
    this.graceTimers.clear();
  }

  private async changeAdmission(
    therapistId: string,
    sessionId: string,
    partnerId: string,
    deviceId: string | undefined,
    action: 'admit' | 'decline',
  ): Promise<void> {
    const session = await this.sessions.ownedRow(therapistId, sessionId);
    if (sessionClosed(session.status)) throw new AppError(ErrorCode.SESSION_ENDED, 'This session has ended.');
    await this.participant(sessionId, partnerId);
    const sockets = await this.roster.partner(sessionId, partnerId);
    const connected = new Set(sockets.flatMap((s) => (s.data.role === 'partner' ? [s.data.deviceId] : [])));
    const device = targetDevice(await this.grants.forPartner(sessionId, partnerId), deviceId, connected);
    const transition = action === 'admit' ? admitTransition : declineTransition;
    const next = transition(device.admission, connected.has(device.device_id)) as DeviceAdmission;
    if (next !== device.admission) {
      await this.grants.setAdmission(device.token_hash, next);
      if (next === 'admitted' && connected.has(device.device_id)) {
        await this.events.add(
          sessionId,
          'enter',
          { role: 'partner', personId: partnerId, deviceId: device.device_id },
          this.ctx.clock.now(),
        );
      }
      await this.syncPartner(sessionId, partnerId);
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: therapistId,
        action: action === 'admit' ? 'lobby.admit' : 'lobby.decline',
        sessionId,
        targetId: partnerId,
      });
    }
    // Only this device moves: into the room and its partner audience, or out of both.
    if (next === 'admitted') this.roster.admitDevice(sessionId, partnerId, device.device_id);
    else this.roster.removeDevice(sessionId, partnerId, device.device_id);
    const list = await this.presence(sessionId);
    const entry = list.find((p) => p.id === partnerId);
    const view = entry?.devices?.find((v) => v.id === device.device_id);
    if (entry && view) {
      this.publish.toDevice(sessionId, device.device_id).emit('self:update', {
        id: partnerId,
        role: 'partner',
        name: entry.name,
        status: view.status,
        deviceId: view.id,
      });
    }
    await this.broadcastPresence(sessionId);
  }

  /**
   * Whether the therapist admitted this partner (any of their devices) earlier in this session: a partner who
   * comes back after the reconnect grace, a quick exit or a lost phone waits to be let back in.
   */
  private async wasAdmitted(session: { id: string; created_at: number }, partnerId: string): Promise<boolean> {
    const row = await this.ctx.db
      .selectFrom('audit_log')
      .select('id')
      // `at` is indexed: only the rows written since the session was created are read.
      .where('at', '>=', session.created_at)
      .where('session_id', '=', session.id)
      .where('action', '=', 'lobby.admit')
      .where('target_id', '=', partnerId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Keeps the partner-level admission (`session_participants`) in step with the devices. */
  private async syncPartner(sessionId: string, partnerId: string): Promise<void> {
    const rec = await this.participant(sessionId, partnerId);
    const next = partnerAdmissionOf(await this.grants.forPartner(sessionId, partnerId), rec.admission);
    if (next === rec.admission) return;
    await this.ctx.db
      .updateTable('session_participants')
      .set({ admission: next, updated_at: this.ctx.clock.now() })
      .where('session_id', '=', sessionId)
      .where('partner_id', '=', partnerId)
      .execute();
  }

  private async participant(sessionId: string, partnerId: string) {
    const rec = await this.participants.get(sessionId, partnerId);
    if (!rec) throw forbidden('That person is not part of this session.');
    return rec;
  }
}
