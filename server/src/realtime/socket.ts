import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server } from 'socket.io';
import { ErrorCode, PROTOCOL_VERSION, type ApiError } from '@tandem/shared';
import { handshakeAuthSchema } from '@tandem/shared/schemas';
import type { Access } from '../access/access.js';
import type { AppContext } from '../context.js';
import type { SocketData, TandemServer, TandemSocket } from './types.js';

/** Socket.IO messages above this size close the connection (engine.io limit). */
export const SOCKET_MAX_MESSAGE_BYTES = 64 * 1024;

export interface RealtimeDeps {
  access: Access;
  isAllowedOrigin: (origin: string | undefined, req: IncomingMessage) => boolean;
  /**
   * Several processes behind a load balancer (REDIS_URL): WebSocket only. HTTP long-polling sends each request of
   * one connection separately, and a balancer without sticky sessions hands them to different processes, which do
   * not know the connection (400 "Session ID unknown"). A WebSocket is one TCP connection that stays on the process
   * it reached, so no sticky routing is needed. Clients try WebSocket first (useSessionSocket.ts).
   */
  websocketOnly?: boolean;
}

function refusal(code: ApiError['code'], message: string): Error {
  const err = new Error(code) as Error & { data: ApiError };
  err.data = { code, message };
  return err;
}

/**
 * Sockets one person may hold open to one session on a process (tabs and devices: a phone and a laptop, a reload
 * whose old socket has not closed yet). Without a bound a partner's browser could open thousands, each placed in
 * the lobby, answered on every broadcast and counted in every roster question, slowing the session for everyone.
 */
export const SOCKETS_PER_PERSON = 8;

/**
 * Sockets per person and session on this process, counted when a handshake is let through (not when it has
 * connected: handshakes read from storage concurrently, and counting connected sockets let a burst all pass) and
 * released once, when the socket or its connection closes.
 */
class SocketCounts {
  private readonly open = new Map<string, number>();

  /** Takes a place for this person's socket, or false when they hold all of theirs. */
  take(socket: TandemSocket, data: SocketData): boolean {
    const key = `${data.sessionId}\u0000${data.personId}`;
    const held = this.open.get(key) ?? 0;
    if (held >= SOCKETS_PER_PERSON) return false;
    this.open.set(key, held + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
    // A connection that closed while the handshake was read never connects (no event will come for it).
    if (socket.conn.readyState !== 'open') release();
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    return true;
  }
}

export function createSocketServer(httpServer: HttpServer, ctx: AppContext, deps: RealtimeDeps): TandemServer {
  const io: TandemServer = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    ...(deps.websocketOnly ? { transports: ['websocket' as const] } : {}),
    // Foreign upgrades (the Yjs endpoint) are ours to answer; engine.io must not destroy them.
    destroyUpgrade: false,
    maxHttpBufferSize: SOCKET_MAX_MESSAGE_BYTES,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    allowRequest: (req, callback) => {
      callback(null, deps.isAllowedOrigin(req.headers.origin, req));
    },
  });

  const counts = new SocketCounts();
  io.use((socket, next) => {
    authenticate(socket.handshake.auth, socket.request, ctx, deps.access).then(
      (data) => {
        if (!counts.take(socket, data)) {
          next(refusal(ErrorCode.RATE_LIMITED, 'Too many windows open on this session: close one, then reload.'));
          return;
        }
        socket.data = data;
        next();
      },
      (err: unknown) => next(err instanceof Error ? err : refusal(ErrorCode.INTERNAL, 'Could not connect.')),
    );
  });

  return io;
}

/** The handshake: the protocol version, then who this is (`principalOf`) and whether they may connect (`can`). */
async function authenticate(auth: unknown, req: IncomingMessage, ctx: AppContext, access: Access): Promise<SocketData> {
  const parsed = handshakeAuthSchema.safeParse(auth);
  if (!parsed.success) throw refusal(ErrorCode.BAD_REQUEST, 'Missing session or protocol version.');
  const { protocolVersion, sessionId } = parsed.data;
  if (protocolVersion !== PROTOCOL_VERSION) {
    throw refusal(
      ErrorCode.PROTOCOL_MISMATCH,
      `This page is out of date (protocol ${protocolVersion}, server ${PROTOCOL_VERSION}). Please reload.`,
    );
  }
  const p = await access.principalOf(req, sessionId);
  const decision = await access.decide(p, 'session.connect', { kind: 'session', sessionId });
  if (!decision.ok) {
    if (decision.code === ErrorCode.UNAUTHENTICATED) ctx.logger.debug({ sessionId }, 'socket refused: no credentials');
    // An unknown session looks like one you may not open: sign in (nobody) or not yours (a therapist).
    if (decision.code === ErrorCode.NOT_FOUND) {
      throw p.kind === 'therapist'
        ? refusal(ErrorCode.FORBIDDEN, 'You do not have access to this session.')
        : refusal(ErrorCode.UNAUTHENTICATED, 'Open the link your therapist sent you, or sign in.');
    }
    throw refusal(decision.code, decision.message);
  }
  switch (p.kind) {
    case 'therapist': {
      const session = await ctx.db
        .selectFrom('sessions')
        .select('couple_id')
        .where('id', '=', sessionId)
        .executeTakeFirstOrThrow();
      const seat = await access.scope.seat(p.therapistId, sessionId);
      if (seat === null) throw refusal(ErrorCode.FORBIDDEN, 'You do not have access to this session.');
      return {
        role: 'therapist',
        seat,
        sessionId,
        coupleId: session.couple_id,
        therapistId: p.therapistId,
        partnerId: null,
        personId: p.therapistId,
        tokenHash: p.credential.tokenHash,
        expiresAt: p.credential.expiresAt,
      };
    }
    case 'partner':
      return {
        role: 'partner',
        sessionId,
        coupleId: p.coupleId,
        therapistId: p.therapistId,
        partnerId: p.partnerId,
        personId: p.partnerId,
        deviceId: p.deviceId,
        grantHash: p.credential.grantHash,
        expiresAt: p.credential.expiresAt,
      };
    case 'nobody':
      throw refusal(ErrorCode.UNAUTHENTICATED, 'Open the link your therapist sent you, or sign in.');
  }
}
