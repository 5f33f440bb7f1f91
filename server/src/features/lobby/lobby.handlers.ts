import type { Logger } from '../../lib/logger.js';
import { defineHandler } from '../../realtime/handler.js';
import type { TandemSocket } from '../../realtime/types.js';
import type { LobbyService } from './lobby.service.js';

export function registerLobbyHandlers(
  socket: TandemSocket,
  ready: Promise<unknown>,
  log: Logger,
  lobby: LobbyService,
): void {
  const d = socket.data;
  defineHandler(socket, ready, log, 'session:hello', { roles: ['therapist', 'partner'] }, () => lobby.snapshot(d));
  defineHandler(socket, ready, log, 'lobby:admit', { roles: ['therapist'] }, async ({ partnerId }) => {
    await lobby.admit(d.therapistId, d.sessionId, partnerId);
    return null;
  });
  defineHandler(socket, ready, log, 'lobby:decline', { roles: ['therapist'] }, async ({ partnerId }) => {
    await lobby.decline(d.therapistId, d.sessionId, partnerId);
    return null;
  });
  defineHandler(socket, ready, log, 'session:end', { roles: ['therapist'] }, async () => {
    await lobby.endSession(d.therapistId, d.sessionId);
    return null;
  });
}
