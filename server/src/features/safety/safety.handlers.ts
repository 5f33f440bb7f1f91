import type { Logger } from '../../lib/logger.js';
import { defineHandler, READERS } from '../../realtime/handler.js';
import type { TandemSocket } from '../../realtime/types.js';
import type { SafetyService } from './safety.service.js';

const THERAPIST = { roles: ['therapist'] } as const;

export function registerSafetyHandlers(
  socket: TandemSocket,
  ready: Promise<unknown>,
  log: Logger,
  safety: SafetyService,
): void {
  /**
   * Any device of a partner with a valid grant, in the room or still waiting: the signal is about them, whatever
   * screen they are on. The only answer is this ack, to this socket.
   */
  defineHandler(socket, ready, log, 'safety:signal', { roles: ['partner'] }, ({ id }, who) =>
    safety.signal({ sessionId: who.sessionId, partnerId: who.partnerId }, id),
  );
  defineHandler(socket, ready, log, 'safety:state', { ...THERAPIST, seats: READERS }, (_p, who) =>
    safety.state(who.sessionId),
  );
  defineHandler(socket, ready, log, 'safety:dismiss', THERAPIST, ({ partnerId }, who) =>
    safety.dismiss(who, partnerId),
  );
  defineHandler(socket, ready, log, 'safety:protocol-start', THERAPIST, ({ partnerId }, who) =>
    safety.startProtocol(who, partnerId),
  );
  defineHandler(socket, ready, log, 'safety:protocol-stop', THERAPIST, (_p, who) => safety.stopProtocol(who));
}
