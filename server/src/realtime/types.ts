import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, Role, ServerToClientEvents } from '@tandem/shared';

/** Who is behind a socket; set once by the auth middleware. */
export interface SocketData {
  role: Role;
  sessionId: string;
  coupleId: string;
  therapistId: string;
  /** The partner's id, or null for the therapist. */
  partnerId: string | null;
  /** Therapist id or partner id: the id used in presence lists. */
  personId: string;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export type TandemServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type TandemSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * Socket.IO rooms, one per audience (DESIGN.md). Private data goes only to its audience room, never to `all`.
 */
export const rooms = {
  /** Every socket of the session, admitted or not: only for counting connections and ending the session. */
  all: (sessionId: string) => `s:${sessionId}:all`,
  /** Audience `room`: admitted partners and the therapist. */
  room: (sessionId: string) => `s:${sessionId}:room`,
  /** Audience `therapist`. */
  therapist: (sessionId: string) => `s:${sessionId}:therapist`,
  /** Audience `partner:<id>`: that partner's sockets and the therapist's. */
  partner: (sessionId: string, partnerId: string) => `s:${sessionId}:partner:${partnerId}`,
  /** That partner's own sockets only (their admission state). */
  self: (sessionId: string, partnerId: string) => `s:${sessionId}:self:${partnerId}`,
} as const;
