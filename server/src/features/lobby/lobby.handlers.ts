import type { Logger } from '../../lib/logger.js';
import { defineHandler, READERS } from '../../realtime/handler.js';
import type { TandemSocket } from '../../realtime/types.js';
import type { LobbyService } from './lobby.service.js';

const THERAPIST = { roles: ['therapist'] } as const;

export function registerLobbyHandlers(
  socket: TandemSocket,
  ready: Promise<unknown>,
  log: Logger,
  lobby: LobbyService,
): void {
  defineHandler(socket, ready, log, 'session:hello', { roles: ['therapist', 'partner'], seats: READERS }, (_, who) =>
    lobby.snapshot(who),
  );
  defineHandler(socket, ready, log, 'lobby:admit', THERAPIST, async ({ partnerId, deviceId }, who) => {
    await lobby.admit(who.therapistId, who.sessionId, partnerId, deviceId);
    return null;
  });
  defineHandler(socket, ready, log, 'lobby:decline', THERAPIST, async ({ partnerId, deviceId }, who) => {
    await lobby.decline(who.therapistId, who.sessionId, partnerId, deviceId);
    return null;
  });
  defineHandler(socket, ready, log, 'lobby:remove-device', THERAPIST, async ({ partnerId, deviceId }, who) => {
    await lobby.removeDevice(who.therapistId, who.sessionId, partnerId, deviceId);
    return null;
  });
  defineHandler(socket, ready, log, 'session:end', THERAPIST, async (_, who) => {
    await lobby.endSession(who.therapistId, who.sessionId);
    return null;
  });
}
