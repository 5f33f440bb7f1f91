import { rooms, type PartnerSocketData, type SocketData, type TandemServer, type TandemSocket } from './types.js';

/**
 * How long a question to every process (several processes, REDIS_URL) waits for their answers. One that died is
 * still waited for until the adapter's heartbeat gives up on it (socketAdapter.ts), and nothing answers while
 * Redis is away: the answer is then this process's own sockets (degraded, not failed).
 */
export const FETCH_SOCKETS_TIMEOUT_MS = 2_000;

/**
 * The sockets in a room on every process, or on this one when the others do not answer in time. The whole
 * question is bounded, not only the wait for answers: the Redis adapter first counts the processes (PUBSUB
 * NUMSUB), and that command waits in ioredis's offline queue while Redis is away, or fails once the process is
 * closing its connections. The fallback reads this process's own rooms and never touches Redis (the adapter's
 * `io.local.fetchSockets()` counts the processes first too, so it would fail or wait the same way).
 */
export async function fetchEverywhere(io: TandemServer, room: string): Promise<RosterSocket[]> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), FETCH_SOCKETS_TIMEOUT_MS + 500);
  });
  const asked = io.in(room).timeout(FETCH_SOCKETS_TIMEOUT_MS).fetchSockets();
  const found = await Promise.race([asked, bound]).catch(() => null);
  clearTimeout(timer);
  if (!found) {
    asked.catch(() => undefined); // still running when the bound won: its later failure is expected
    return localSockets(io, room);
  }
  return found.map((s) => ({ id: s.id, data: s.data, rooms: s.rooms }));
}

/** The sockets in a room on this process, from the default namespace's own rooms (no adapter round trip). */
function localSockets(io: TandemServer, room: string): RosterSocket[] {
  const nsp = io.of('/');
  const ids = nsp.adapter.rooms.get(room) ?? new Set<string>();
  const found: RosterSocket[] = [];
  for (const id of ids) {
    const socket = nsp.sockets.get(id);
    if (socket) found.push({ id: socket.id, data: socket.data, rooms: new Set(socket.rooms) });
  }
  return found;
}

/** One connected socket as the adapter reports it (on any server process). */
export interface RosterSocket {
  id: string;
  data: SocketData;
  rooms: Set<string>;
}

/**
 * Who is connected where, and the moves between audiences that admission makes. Read through the adapter, so
 * it holds across server processes. Services ask it by audience and never see Socket.IO room names or `io`.
 */
export class Roster {
  constructor(private readonly io: TandemServer) {}

  private socketsIn(room: string): Promise<RosterSocket[]> {
    return fetchEverywhere(this.io, room);
  }

  /** Every socket of the session, admitted or not. */
  session(sessionId: string): Promise<RosterSocket[]> {
    return this.socketsIn(rooms.all(sessionId));
  }

  /** The admitted room (partners' admitted devices and the therapist). */
  room(sessionId: string): Promise<RosterSocket[]> {
    return this.socketsIn(rooms.room(sessionId));
  }

  therapist(sessionId: string): Promise<RosterSocket[]> {
    return this.socketsIn(rooms.therapist(sessionId));
  }

  /** Every socket of one partner, admitted or not. */
  partner(sessionId: string, partnerId: string): Promise<RosterSocket[]> {
    return this.socketsIn(rooms.self(sessionId, partnerId));
  }

  device(sessionId: string, deviceId: string): Promise<RosterSocket[]> {
    return this.socketsIn(rooms.device(sessionId, deviceId));
  }

  /** The sockets whose media is ready. */
  call(sessionId: string): Promise<RosterSocket[]> {
    return this.socketsIn(rooms.call(sessionId));
  }

  /** A therapist's new socket: the session's every audience (the room and each partner's), and its credential's. */
  async placeTherapist(socket: TandemSocket, partnerIds: string[]): Promise<void> {
    const d = socket.data;
    if (d.role !== 'therapist') throw new Error('placeTherapist: not a therapist socket');
    await socket.join([
      rooms.all(d.sessionId),
      rooms.credential(d.tokenHash),
      rooms.therapistAll(d.therapistId),
      rooms.therapist(d.sessionId),
      rooms.room(d.sessionId),
      rooms.seat(d.sessionId, d.therapistId),
      ...partnerIds.map((p) => rooms.partner(d.sessionId, p)),
    ]);
  }

  /** One clinician's sockets in a session (the one who runs it, or one who joins it). */
  clinician(sessionId: string, therapistId: string): Promise<RosterSocket[]> {
    return this.socketsIn(rooms.seat(sessionId, therapistId));
  }

  /** The supervisors' sockets whose media is ready (in a call with the clinicians only). */
  watching(sessionId: string): Promise<RosterSocket[]> {
    return this.socketsIn(rooms.watch(sessionId));
  }

  /** A supervisor's socket joins the clinicians' call (never the partners'). */
  async joinWatch(socket: TandemSocket): Promise<void> {
    await socket.join(rooms.watch(socket.data.sessionId));
  }

  async leaveWatch(socket: TandemSocket): Promise<void> {
    await socket.leave(rooms.watch(socket.data.sessionId));
  }

  /** Closes every connection of one clinician to one session (taken off it). */
  disconnectClinician(sessionId: string, therapistId: string): void {
    this.io.in(rooms.seat(sessionId, therapistId)).disconnectSockets(true);
  }

  /** A partner device's new socket, before admission: in no audience, only where it can be counted and ended. */
  async placeDevice(socket: TandemSocket): Promise<void> {
    const d = socket.data as PartnerSocketData;
    if (d.role !== 'partner') throw new Error('placeDevice: not a partner socket');
    await socket.join([
      rooms.all(d.sessionId),
      rooms.self(d.sessionId, d.partnerId),
      rooms.device(d.sessionId, d.deviceId),
      rooms.credential(d.grantHash),
    ]);
  }

  /** A socket of an admitted device joins the room and its partner's audience. */
  async admitSocket(socket: TandemSocket): Promise<void> {
    const d = socket.data as PartnerSocketData;
    await socket.join([rooms.room(d.sessionId), rooms.partner(d.sessionId, d.partnerId)]);
  }

  /** Whether this (local) socket is in the admitted room. */
  isAdmitted(socket: TandemSocket): boolean {
    return socket.rooms.has(rooms.room(socket.data.sessionId));
  }

  /** An admitted socket joins the call; false (and nothing changes) when it is not admitted. */
  async joinCall(socket: TandemSocket): Promise<boolean> {
    if (!this.isAdmitted(socket)) return false;
    await socket.join(rooms.call(socket.data.sessionId));
    return true;
  }

  async leaveCall(socket: TandemSocket): Promise<void> {
    await socket.leave(rooms.call(socket.data.sessionId));
  }

  /** An admitted device joins the room and its partner's audience (every socket of it, on any process). */
  admitDevice(sessionId: string, partnerId: string, deviceId: string): void {
    this.io
      .in(rooms.device(sessionId, deviceId))
      .socketsJoin([rooms.room(sessionId), rooms.partner(sessionId, partnerId)]);
  }

  /** A device no longer admitted leaves both: it receives nothing but its own admission state. */
  removeDevice(sessionId: string, partnerId: string, deviceId: string): void {
    this.io
      .in(rooms.device(sessionId, deviceId))
      .socketsLeave([rooms.room(sessionId), rooms.partner(sessionId, partnerId), rooms.call(sessionId)]);
  }

  /** Every device of a partner leaves the room and their audience (a quick exit). */
  removePartner(sessionId: string, partnerId: string): void {
    this.io
      .in(rooms.self(sessionId, partnerId))
      .socketsLeave([rooms.room(sessionId), rooms.partner(sessionId, partnerId), rooms.call(sessionId)]);
  }

  /** Closes every connection of a partner. */
  disconnectPartner(sessionId: string, partnerId: string): void {
    this.io.in(rooms.self(sessionId, partnerId)).disconnectSockets(true);
  }
}
