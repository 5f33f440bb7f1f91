import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server } from 'socket.io';
import { ErrorCode, PROTOCOL_VERSION, type ApiError } from '@tandem/shared';
import { handshakeAuthSchema } from '@tandem/shared/schemas';
import type { AppContext } from '../context.js';
import { readCookie } from '../lib/http.js';
import { THERAPIST_COOKIE, type AuthService } from '../features/auth/auth.service.js';
import { guestCookieName, type JoinService } from '../features/join/join.service.js';
import type { SessionsService } from '../features/sessions/sessions.service.js';
import type { SocketData, TandemServer } from './types.js';

/** Socket.IO messages above this size close the connection (engine.io limit). */
export const SOCKET_MAX_MESSAGE_BYTES = 64 * 1024;

export interface RealtimeDeps {
  auth: AuthService;
  join: JoinService;
  sessions: SessionsService;
  isAllowedOrigin: (origin: string | undefined, req: IncomingMessage) => boolean;
}

function refusal(code: ApiError['code'], message: string): Error {
  const err = new Error(code) as Error & { data: ApiError };
  err.data = { code, message };
  return err;
}

export function createSocketServer(httpServer: HttpServer, ctx: AppContext, deps: RealtimeDeps): TandemServer {
  const io: TandemServer = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    // Foreign upgrades (the Yjs endpoint) are ours to answer; engine.io must not destroy them.
    destroyUpgrade: false,
    maxHttpBufferSize: SOCKET_MAX_MESSAGE_BYTES,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    allowRequest: (req, callback) => {
      callback(null, deps.isAllowedOrigin(req.headers.origin, req));
    },
  });

  io.use((socket, next) => {
    authenticate(socket.handshake.auth, socket.request, ctx, deps).then(
      (data) => {
        socket.data = data;
        next();
      },
      (err: unknown) => next(err instanceof Error ? err : refusal(ErrorCode.INTERNAL, 'Could not connect.')),
    );
  });
  return io;
}

async function authenticate(
  auth: unknown,
  req: IncomingMessage,
  ctx: AppContext,
  deps: RealtimeDeps,
): Promise<SocketData> {
  const parsed = handshakeAuthSchema.safeParse(auth);
  if (!parsed.success) throw refusal(ErrorCode.BAD_REQUEST, 'Missing session or protocol version.');
  const { protocolVersion, sessionId } = parsed.data;
  if (protocolVersion !== PROTOCOL_VERSION) {
    throw refusal(
      ErrorCode.PROTOCOL_MISMATCH,
      `This page is out of date (protocol ${protocolVersion}, server ${PROTOCOL_VERSION}). Please reload.`,
    );
  }
  const session = await deps.sessions.row(sessionId);
  const therapist = await deps.auth.resolve(readCookie(req, THERAPIST_COOKIE));
  if (session && therapist && session.therapist_id === therapist.id) {
    if (session.status === 'ended') throw refusal(ErrorCode.SESSION_ENDED, 'This session has ended.');
    return {
      role: 'therapist',
      sessionId,
      coupleId: session.couple_id,
      therapistId: therapist.id,
      partnerId: null,
      personId: therapist.id,
    };
  }
  if (session?.status === 'ended') throw refusal(ErrorCode.SESSION_ENDED, 'This session has ended.');
  const guest = await deps.join.resolve(sessionId, readCookie(req, guestCookieName(sessionId)));
  if (guest) {
    return {
      role: 'partner',
      sessionId,
      coupleId: guest.coupleId,
      therapistId: guest.therapistId,
      partnerId: guest.partnerId,
      personId: guest.partnerId,
    };
  }
  if (therapist) throw refusal(ErrorCode.FORBIDDEN, 'This session belongs to another therapist.');
  ctx.logger.debug({ sessionId }, 'socket refused: no credentials');
  throw refusal(ErrorCode.UNAUTHENTICATED, 'Open the link your therapist sent you, or sign in.');
}
