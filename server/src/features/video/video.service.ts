import type { IncomingMessage } from 'node:http';
import type {
  BreakoutStartPayload,
  BreakoutState,
  IceConfigDto,
  RtcJoinResult,
  RtcSignalPayload,
  VideoSnapshot,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { Access } from '../../access/access.js';
import { forbidden } from '../../lib/errors.js';
import type { Publisher } from '../../realtime/publisher.js';
import type { Roster, RosterSocket } from '../../realtime/roster.js';
import type { SocketData, TandemSocket } from '../../realtime/types.js';
import { ParticipantsStore } from '../sessions/participants.store.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { checkBreakoutStart, signalAllowed } from './breakout.js';
import { iceServersFor } from './ice.js';
import type { VideoStore } from './video.store.js';

const isSupervisor = (d: SocketData): boolean => d.role === 'therapist' && d.seat === 'supervisor';

/** Who starts or ends a breakout: the therapist's socket, or the safety protocol acting for the therapist. */
export type BreakoutActor = Pick<SocketData, 'role' | 'therapistId' | 'sessionId'>;

/** Told after a breakout ended (e.g. the safety protocol starts the queued one). */
export type BreakoutEndListener = (sessionId: string) => Promise<void>;

/**
 * Signaling relay, call membership and the breakout. Every check reads storage or the adapter,
 * so it holds across server processes; nothing here lives only in this process's memory.
 */
export class VideoService {
  private readonly participants: ParticipantsStore;
  private readonly endListeners: BreakoutEndListener[] = [];

  constructor(
    private readonly ctx: AppContext,
    private readonly publish: Publisher,
    private readonly roster: Roster,
    private readonly sessions: SessionsService,
    private readonly store: VideoStore,
    private readonly access: Access,
  ) {
    this.participants = new ParticipantsStore(ctx.db);
  }

  onBreakoutEnd(listener: BreakoutEndListener): void {
    this.endListeners.push(listener);
  }

  async hello(d: SocketData): Promise<VideoSnapshot> {
    return { breakout: await this.store.current(d.sessionId), serverTime: this.ctx.clock.now() };
  }

  /**
   * Puts an admitted socket in the call; answers who is already there and tells them. A supervisor's call holds
   * the clinicians only: the partners are never told of it, nor can they signal it.
   */
  async joinCall(socket: TandemSocket): Promise<RtcJoinResult> {
    const d = socket.data;
    if (isSupervisor(d)) return this.joinWatch(socket);
    if (!(await this.roster.joinCall(socket))) throw forbidden('You have not been admitted yet.');
    const admitted = new Set((await this.roster.room(d.sessionId)).map((s) => s.id));
    const peers = new Set<string>();
    for (const s of await this.roster.call(d.sessionId)) {
      if (s.data.personId !== d.personId && admitted.has(s.id)) peers.add(s.data.personId);
    }
    this.publish.toCall(d.sessionId, socket.id).emit('rtc:peer-joined', { personId: d.personId });
    if (d.role === 'therapist') {
      const watchers = await this.roster.watching(d.sessionId);
      for (const s of watchers) peers.add(s.data.personId);
      this.publish.toSockets(watchers.map((s) => s.id)).emit('rtc:peer-joined', { personId: d.personId });
    }
    return { peers: [...peers] };
  }

  private async joinWatch(socket: TandemSocket): Promise<RtcJoinResult> {
    const d = socket.data;
    if (!this.roster.isAdmitted(socket)) throw forbidden('You have not been admitted yet.');
    const others = await this.clinicianPeers(d.sessionId, d.personId);
    await this.roster.joinWatch(socket);
    this.publish.toSockets(others.map((s) => s.id)).emit('rtc:peer-joined', { personId: d.personId });
    return { peers: [...new Set(others.map((s) => s.data.personId))] };
  }

  /** The clinicians in the call and the supervisors watching, but one person. */
  private async clinicianPeers(sessionId: string, exceptPersonId: string): Promise<RosterSocket[]> {
    const [call, watching] = await Promise.all([this.roster.call(sessionId), this.roster.watching(sessionId)]);
    return [...call.filter((s) => s.data.role === 'therapist'), ...watching].filter(
      (s) => s.data.personId !== exceptPersonId,
    );
  }

  async leaveCall(socket: TandemSocket): Promise<void> {
    if (isSupervisor(socket.data)) await this.roster.leaveWatch(socket);
    else await this.roster.leaveCall(socket);
    await this.announceLeft(socket.data);
  }

  /** After a socket left the call (or disconnected): when it was the person's last one, tell the others. */
  async announceLeft(d: SocketData): Promise<void> {
    const [inCall, watching] = await Promise.all([this.roster.call(d.sessionId), this.roster.watching(d.sessionId)]);
    if ([...inCall, ...watching].some((s) => s.data.personId === d.personId)) return;
    if (isSupervisor(d)) {
      const others = await this.clinicianPeers(d.sessionId, d.personId);
      this.publish.toSockets(others.map((s) => s.id)).emit('rtc:peer-left', { personId: d.personId });
      return;
    }
    this.publish.toCall(d.sessionId).emit('rtc:peer-left', { personId: d.personId });
    if (d.role === 'therapist')
      this.publish.toSockets(watching.map((s) => s.id)).emit('rtc:peer-left', { personId: d.personId });
  }

  /**
   * Relays one signal to the target's own admitted sockets, never to anyone else. Refused (FORBIDDEN) unless
   * sender and target are both admitted to this session and the breakout allows the pair; a supervisor signals
   * with clinicians only (to a partner, a supervisor does not exist).
   */
  async relay(socket: TandemSocket, payload: RtcSignalPayload): Promise<null> {
    const d = socket.data;
    const admitted = await this.roster.room(d.sessionId);
    const targets = admitted.filter((s) => s.data.personId === payload.to);
    const watched = isSupervisor(d) || targets.some((s) => isSupervisor(s.data));
    const allowed =
      (!watched || (d.role === 'therapist' && targets.every((s) => s.data.role === 'therapist'))) &&
      signalAllowed({
        breakout: await this.store.current(d.sessionId),
        // The session's runner: a partner's and the runner's sockets carry its id. A co-therapist's carries their own,
        // which a breakout never lets through (in a breakout only the runner talks with the partner taken aside).
        therapistId: d.role === 'therapist' && d.seat !== 'lead' ? '' : d.therapistId,
        from: d.personId,
        to: payload.to,
        senderAdmitted: this.roster.isAdmitted(socket),
        targetAdmitted: targets.length > 0,
      });
    if (!allowed) throw forbidden('That signal is not allowed.');
    this.publish.toSockets(targets.map((s) => s.id)).emit('rtc:signal', {
      from: d.personId,
      connId: payload.connId,
      signal: payload.signal,
    });
    return null;
  }

  async startBreakout(d: BreakoutActor, payload: BreakoutStartPayload): Promise<BreakoutState> {
    const session = await this.sessions.ownedRow(d.therapistId, d.sessionId);
    const partnerIds = await this.participants.partnerIds(d.sessionId);
    const current = await this.store.current(d.sessionId);
    checkBreakoutStart({
      role: d.role,
      sessionKind: session.kind,
      partnerIds,
      partnerId: payload.partnerId,
      current,
    });
    if (current) return current;
    const state = await this.store.start(
      d.sessionId,
      payload.partnerId,
      payload.message ?? '',
      payload.reason ?? null,
      this.ctx.clock.now(),
    );
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: d.therapistId,
      action: 'video.breakout.start',
      sessionId: d.sessionId,
      targetId: payload.partnerId,
    });
    this.publish.toRoom(d.sessionId).emit('breakout:state', state);
    return state;
  }

  async endBreakout(d: BreakoutActor): Promise<null> {
    await this.sessions.ownedRow(d.therapistId, d.sessionId);
    const ended = await this.store.end(d.sessionId, this.ctx.clock.now());
    if (ended) {
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: d.therapistId,
        action: 'video.breakout.end',
        sessionId: d.sessionId,
      });
    }
    this.publish.toRoom(d.sessionId).emit('breakout:state', null);
    // Only the call that ended it tells the listeners (a second end, or another process, does not).
    if (ended) for (const l of this.endListeners) await l(d.sessionId);
    return null;
  }

  /** The breakout going on now, if any. */
  current(sessionId: string): Promise<BreakoutState | null> {
    return this.store.current(sessionId);
  }

  /** ICE servers for the session's therapist or an admitted partner (REST, after admission). */
  async iceFor(req: IncomingMessage, sessionId: string): Promise<IceConfigDto> {
    const p = await this.access.principalOf(req, sessionId);
    await this.access.assert(p, 'session.take-part', { kind: 'session', sessionId });
    if (p.kind === 'nobody') throw forbidden(); // (assert refused nobody already)
    const personId = p.kind === 'therapist' ? p.therapistId : p.partnerId;
    return iceServersFor(this.ctx.config.ice, personId, this.ctx.clock.now());
  }
}
