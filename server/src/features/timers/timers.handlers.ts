import type { Logger } from '../../lib/logger.js';
import { forbidden } from '../../lib/errors.js';
import { defineHandler } from '../../realtime/handler.js';
import { rooms, type TandemSocket } from '../../realtime/types.js';
import type { TimersService } from './timers.service.js';

const EVERYONE = ['therapist', 'partner'] as const;
const THERAPIST = ['therapist'] as const;

/** Only people admitted to the room see or change its timers (a partner in the waiting room does not). */
export function requireInRoom(socket: TandemSocket): void {
  if (!socket.rooms.has(rooms.room(socket.data.sessionId))) throw forbidden('You are not in the session room yet.');
}

export function registerTimerHandlers(
  socket: TandemSocket,
  ready: Promise<unknown>,
  log: Logger,
  timers: TimersService,
  now: () => number,
): void {
  const d = socket.data;
  defineHandler(socket, ready, log, 'time:ping', { roles: EVERYONE }, () => Promise.resolve({ serverTime: now() }));
  defineHandler(socket, ready, log, 'timer:state', { roles: EVERYONE }, () => {
    requireInRoom(socket);
    return timers.view(d.sessionId);
  });
  defineHandler(socket, ready, log, 'pause:call', { roles: EVERYONE }, (payload) => {
    requireInRoom(socket);
    return timers.call(d, payload);
  });
  defineHandler(socket, ready, log, 'pause:ready', { roles: ['partner'] }, ({ ready: isReady }) => {
    requireInRoom(socket);
    return timers.ready(d, isReady);
  });
  defineHandler(socket, ready, log, 'pause:exercise', { roles: EVERYONE }, ({ exercise }) => {
    requireInRoom(socket);
    return timers.setExercise(d, exercise);
  });
  defineHandler(socket, ready, log, 'pause:end', { roles: THERAPIST }, async () => {
    await timers.end(d);
    return null;
  });
  defineHandler(socket, ready, log, 'pause:extend', { roles: THERAPIST }, ({ minutes }) => timers.extend(d, minutes));
  defineHandler(socket, ready, log, 'pause:settings', { roles: THERAPIST }, (patch) => timers.updateSettings(d, patch));
}
