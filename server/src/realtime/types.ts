import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, Role, ServerToClientEvents, SessionSeat } from '@tandem/shared';

interface SocketDataBase {
  sessionId: string;
  coupleId: string;
  therapistId: string;
  /** Therapist id or partner id: the id used in presence lists. */
  personId: string;
  /** When the credential this socket was opened with expires (epoch ms); the socket ends then. */
  expiresAt: number;
}

/**
 * A clinician: the one who runs the session (`lead`; `therapistId` is theirs and the session's), or a co-therapist
 * or supervisor who joins it (`therapistId` is their own: the session's runner is found in storage).
 */
export interface TherapistSocketData extends SocketDataBase {
  role: 'therapist';
  seat: SessionSeat;
  partnerId: null;
  /** The hash of the sign-in cookie this socket was opened with. */
  tokenHash: string;
}

/** One partner device (one guest grant). */
export interface PartnerSocketData extends SocketDataBase {
  role: 'partner';
  partnerId: string;
  deviceId: string;
  /** The hash of the guest cookie (the device's grant) this socket was opened with. */
  grantHash: string;
}

/** Who is behind a socket; set once by the auth middleware (from `principalOf`). */
export type SocketData = TherapistSocketData | PartnerSocketData;
export type SocketDataOf<R extends Role> = Extract<SocketData, { role: R }>;

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
  /** Audience `partner:<id>`: that partner's ADMITTED devices and the therapist's sockets. */
  partner: (sessionId: string, partnerId: string) => `s:${sessionId}:partner:${partnerId}`,
  /** Every socket of that partner, admitted or not: only to count and end their connections, never for data. */
  self: (sessionId: string, partnerId: string) => `s:${sessionId}:self:${partnerId}`,
  /** One device's sockets: its own admission state (`self:update`) and nothing else. */
  device: (sessionId: string, deviceId: string) => `s:${sessionId}:device:${deviceId}`,
  /** The sockets whose media is ready (in the call): a subset of the admitted room. */
  call: (sessionId: string) => `s:${sessionId}:rtc`,
  /** A supervisor's sockets whose media is ready: in a call with the clinicians only, never the partners'. */
  watch: (sessionId: string) => `s:${sessionId}:watch`,
  /** One clinician's sockets in one session (their seat's end closes them). */
  seat: (sessionId: string, therapistId: string) => `s:${sessionId}:seat:${therapistId}`,
  /** Every socket opened with one credential (a sign-in cookie or a device grant), by its hash. */
  credential: (hash: string) => `c:${hash}`,
  /** Every socket of a therapist, in any session. */
  therapistAll: (therapistId: string) => `t:${therapistId}`,
} as const;
