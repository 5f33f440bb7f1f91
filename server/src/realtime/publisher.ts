import type { BroadcastOperator } from 'socket.io';
import type { ServerToClientEvents } from '@tandem/shared';
import { rooms, type SocketData, type TandemServer } from './types.js';

/** Where an event goes: emit only (no reading back who is there). */
export type Audience = Pick<BroadcastOperator<ServerToClientEvents, SocketData>, 'emit'>;

/**
 * The one place services send to audiences (server/src/realtime/types.ts): a service says who hears an event,
 * never which Socket.IO room that is, and holds no `io`.
 */
export class Publisher {
  constructor(private readonly io: TandemServer) {}

  /** Audience `room`: admitted partners and the therapist. */
  toRoom(sessionId: string): Audience {
    return this.io.to(rooms.room(sessionId));
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
}
