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
import { forbidden, notFound, unauthenticated } from '../../lib/errors.js';
import { readCookie } from '../../lib/http.js';
import { rooms, type SocketData, type TandemServer, type TandemSocket } from '../../realtime/types.js';
import { THERAPIST_COOKIE, type AuthService } from '../auth/auth.service.js';
import { guestCookieName, type JoinService } from '../join/join.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { checkBreakoutStart, signalAllowed } from './breakout.js';
import { iceServersFor } from './ice.js';
import type { VideoStore } from './video.store.js';

/** The sockets whose media is ready (in the call). A subset of the admitted room. */
export const rtcRoom = (sessionId: string) => `s:${sessionId}:rtc`;

/**
 * Signaling relay, call membership and the breakout. Every check reads storage or the adapter,
 * so it holds across server processes; nothing here lives only in this process's memory.
 */
export class VideoService {
  constructor(
    private readonly ctx: AppContext,
    private readonly io: TandemServer,
    private readonly sessions: SessionsService,
    private readonly store: VideoStore,
    private readonly auth: AuthService,
    private readonly join: JoinService,
  ) {}

  async hello(d: SocketData): Promise<VideoSnapshot> {
    return { breakout: await this.store.current(d.sessionId), serverTime: this.ctx.clock.now() };
  }

  /** Puts an admitted socket in the call; answers who is already there and tells them. */
  async joinCall(socket: TandemSocket): Promise<RtcJoinResult> {
    const d = socket.data;
    if (!socket.rooms.has(rooms.room(d.sessionId))) throw forbidden('You have not been admitted yet.');
    await socket.join(rtcRoom(d.sessionId));
    const inCall = await this.io.in(rtcRoom(d.sessionId)).fetchSockets();
    const peers = new Set<string>();
    for (const s of inCall) {
      if (s.data.personId !== d.personId && s.rooms.has(rooms.room(d.sessionId))) peers.add(s.data.personId);
    }
    socket.to(rtcRoom(d.sessionId)).emit('rtc:peer-joined', { personId: d.personId });
    return { peers: [...peers] };
  }

  async leaveCall(socket: TandemSocket): Promise<void> {
    await socket.leave(rtcRoom(socket.data.sessionId));
    await this.announceLeft(socket.data);
  }

  /** After a socket left the call (or disconnected): when it was the person's last one, tell the others. */
  async announceLeft(d: SocketData): Promise<void> {
    const inCall = await this.io.in(rtcRoom(d.sessionId)).fetchSockets();
    if (inCall.some((s) => s.data.personId === d.personId)) return;
    this.io.to(rtcRoom(d.sessionId)).emit('rtc:peer-left', { personId: d.personId });
  }

  /**
   * Relays one signal to the target's own admitted sockets, never to anyone else. Refused (FORBIDDEN) unless
   * sender and target are both admitted to this session and the breakout allows the pair.
   */
  async relay(socket: TandemSocket, payload: RtcSignalPayload): Promise<null> {
    const d = socket.data;
    const room = rooms.room(d.sessionId);
    const admitted = await this.io.in(room).fetchSockets();
    const targets = admitted.filter((s) => s.data.personId === payload.to);
    const allowed = signalAllowed({
      breakout: await this.store.current(d.sessionId),
      therapistId: d.therapistId,
      from: d.personId,
      to: payload.to,
      senderAdmitted: socket.rooms.has(room),
      targetAdmitted: targets.length > 0,
    });
    if (!allowed) throw forbidden('That signal is not allowed.');
    this.io.to(targets.map((s) => s.id)).emit('rtc:signal', {
      from: d.personId,
      connId: payload.connId,
      signal: payload.signal,
    });
    return null;
  }

  async startBreakout(d: SocketData, payload: BreakoutStartPayload): Promise<BreakoutState> {
    const session = await this.sessions.ownedRow(d.therapistId, d.sessionId);
    const partners = await this.ctx.db
      .selectFrom('session_participants')
      .select('partner_id')
      .where('session_id', '=', d.sessionId)
      .execute();
    const current = await this.store.current(d.sessionId);
    checkBreakoutStart({
      role: d.role,
      sessionKind: session.kind,
      partnerIds: partners.map((p) => p.partner_id),
      partnerId: payload.partnerId,
      current,
    });
    if (current) return current;
    const state = await this.store.start(d.sessionId, payload.partnerId, payload.message ?? '', this.ctx.clock.now());
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: d.therapistId,
      action: 'video.breakout.start',
      sessionId: d.sessionId,
      targetId: payload.partnerId,
    });
    this.io.to(rooms.room(d.sessionId)).emit('breakout:state', state);
    return state;
  }

  async endBreakout(d: SocketData): Promise<null> {
    await this.sessions.ownedRow(d.therapistId, d.sessionId);
    if (await this.store.end(d.sessionId, this.ctx.clock.now())) {
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: d.therapistId,
        action: 'video.breakout.end',
        sessionId: d.sessionId,
      });
    }
    this.io.to(rooms.room(d.sessionId)).emit('breakout:state', null);
    return null;
  }

  /** ICE servers for the session's therapist or an admitted partner (REST, after admission). */
  async iceFor(req: IncomingMessage, sessionId: string): Promise<IceConfigDto> {
    const session = await this.sessions.row(sessionId);
    if (!session) throw notFound('No such session.');
    const therapist = await this.auth.resolve(readCookie(req, THERAPIST_COOKIE));
    if (therapist && therapist.id === session.therapist_id) {
      return iceServersFor(this.ctx.config.ice, therapist.id, this.ctx.clock.now());
    }
    const guest = await this.join.resolve(sessionId, readCookie(req, guestCookieName(sessionId)));
    if (!guest) throw therapist ? forbidden() : unauthenticated();
    const rec = await this.ctx.db
      .selectFrom('session_participants')
      .select('admission')
      .where('session_id', '=', sessionId)
      .where('partner_id', '=', guest.partnerId)
      .executeTakeFirst();
    if (rec?.admission !== 'admitted') throw forbidden('You have not been admitted yet.');
    return iceServersFor(this.ctx.config.ice, guest.partnerId, this.ctx.clock.now());
  }
}
