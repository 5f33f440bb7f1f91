/**
 * The one Socket.IO connection per session view, shared through context so later features
 * (timers, map, video) reuse it: connection state, snapshot-derived presence, typed acks.
 */
import { createContext, useContext, useEffect, useEffectEvent } from 'react';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@tandem/shared';
import type {
  ClientEventAckData,
  ClientEventName,
  ClientEventPayload,
  ClientToServerEvents,
  HandshakeAuth,
  ParticipantView,
  SelfView,
  ServerToClientEvents,
  SessionSnapshot,
  SessionStatus,
} from '@tandem/shared';
import { ClientErrorCode, failure, isEnvelope } from '../../lib/api';
import type { ApiResult, AppError, AppErrorCode } from '../../lib/api';
import type { ConnectionState } from './socketState';

export type TandemSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const ACK_TIMEOUT_MS = 10_000;

export type EmitWithAck = <E extends ClientEventName>(
  event: E,
  payload: ClientEventPayload<E>,
  timeoutMs?: number,
) => Promise<ApiResult<ClientEventAckData<E>>>;

export interface SessionSocketValue {
  sessionId: string;
  connection: ConnectionState;
  /** The ErrorCode the server refused us with (connection 'refused'), if it gave one. */
  refusal: AppErrorCode | null;
  /** null until the first snapshot arrives. */
  sessionStatus: SessionStatus | null;
  self: SelfView | null;
  participants: ParticipantView[];
  endedAt: string | null;
  /** `session:hello` failed for a reason other than the session having ended. */
  helloError: AppError | null;
  /** The last snapshot as received; presence and self above are kept current by events. */
  snapshot: SessionSnapshot | null;
  socket: TandemSocket;
  emitWithAck: EmitWithAck;
}

export const SessionSocketContext = createContext<SessionSocketValue | null>(null);

export function useSessionSocket(): SessionSocketValue {
  const value = useContext(SessionSocketContext);
  if (!value) throw new Error('useSessionSocket must be used inside <SessionSocketProvider>');
  return value;
}

/**
 * Created unconnected: the provider connects in an effect and disconnects on unmount. WebSocket first, HTTP
 * long-polling only where a WebSocket cannot open: several server processes behind a load balancer accept
 * WebSocket only (server/src/realtime/socket.ts), which needs no sticky sessions.
 */
export function createSessionSocket(sessionId: string): TandemSocket {
  const auth: HandshakeAuth = { protocolVersion: PROTOCOL_VERSION, sessionId };
  return io({
    path: '/socket.io',
    auth: { ...auth },
    withCredentials: true,
    autoConnect: false,
    forceNew: true,
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
  });
}

/** The untyped view of `timeout().emitWithAck` (socket.io's generic typings do not narrow over E). */
interface AckEmitter {
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
}

/** Emit with an ack and a timeout; a missing or malformed ack becomes a typed error. */
export async function emitWithAck<E extends ClientEventName>(
  socket: TandemSocket,
  event: E,
  payload: ClientEventPayload<E>,
  timeoutMs: number = ACK_TIMEOUT_MS,
): Promise<ApiResult<ClientEventAckData<E>>> {
  try {
    const result = await (socket as unknown as AckEmitter).timeout(timeoutMs).emitWithAck(event, payload);
    if (!isEnvelope(result)) return failure('INTERNAL', `Malformed ack for ${event}`);
    return result as ApiResult<ClientEventAckData<E>>;
  } catch {
    return failure(ClientErrorCode.TIMEOUT, `No answer to ${event} within ${timeoutMs} ms`);
  }
}

/** Subscribe to a server event for the lifetime of the calling component. */
export function useSessionEvent<E extends keyof ServerToClientEvents>(
  event: E,
  handler: (...args: Parameters<ServerToClientEvents[E]>) => void,
): void {
  const { socket } = useSessionSocket();
  const onEvent = useEffectEvent((...args: Parameters<ServerToClientEvents[E]>) => handler(...args));
  useEffect(() => {
    const listener = (...args: unknown[]) => onEvent(...(args as Parameters<ServerToClientEvents[E]>));
    const untyped = socket as unknown as Socket;
    untyped.on(event as string, listener);
    return () => {
      untyped.off(event as string, listener);
    };
  }, [socket, event]);
}
