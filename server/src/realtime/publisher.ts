import type { BroadcastOperator } from 'socket.io';
import type { ServerToClientEvents } from '@tandem/shared';
import { rooms, type SocketData, type TandemServer } from './types.js';

/** Where an event goes: emit only (no reading back who is there). */
export type Audience = Pick<BroadcastOperator<ServerToClientEvents, SocketData>, 'emit'>;

/** An audience of no one. */
const nobody: Audience = { emit: () => true };

/**
 * The one place services send to audiences (server/src/realtime/types.ts): a service says who hears an event,
 * never which Socket.IO room that is, and holds no `io`. Who is connected, and moving sockets between audiences,
 * is the Roster's (roster.ts).
 */
export class Publisher {
  constructor(private readonly io: TandemServer) {}

  /** Every socket of the session, admitted or not: only for the session's end. */
  toEveryone(sessionId: string): Audience {
    return this.io.to(rooms.all(sessionId));
  }

  /** Audience `room`: admitted partners and the therapist. */
  toRoom(sessionId: string): Audience {
    return this.io.to(rooms.room(sessionId));
  }

  /** The admitted partners only (the room without the therapist): what they may see of a therapist-only list. */
  toRoomPartners(sessionId: string): Audience {
    return this.io.to(rooms.room(sessionId)).except(rooms.therapist(sessionId));
  }

  /** Audience `therapist`. */
  toTherapist(sessionId: string): Audience {
    return this.io.to(rooms.therapist(sessionId));
  }

  /** Audience `partner:<id>`: that partner's admitted devices and the therapist. */
  toPartner(sessionId: string, partnerId: string): Audience {
    return this.io.to(rooms.partner(sessionId, partnerId));
  }

  /** One device's sockets (its own admission state only). */
  toDevice(sessionId: string, deviceId: string): Audience {
    return this.io.to(rooms.device(sessionId, deviceId));
  }

  /** Everyone in the call (media ready), or everyone but one socket (the one that just joined). */
  toCall(sessionId: string, exceptSocketId?: string): Audience {
    const call = this.io.to(rooms.call(sessionId));
    return exceptSocketId ? call.except(exceptSocketId) : call;
  }

  /**
   * Exactly these sockets (a person's admitted sockets, found through the Roster). None: nobody (Socket.IO's
   * `to([])` names no room, which would reach every socket of the server).
   */
  toSockets(socketIds: string[]): Audience {
    return socketIds.length === 0 ? nobody : this.io.to(socketIds);
  }
}
