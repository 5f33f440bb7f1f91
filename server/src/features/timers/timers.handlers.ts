import type { Logger } from '../../lib/logger.js';
import { defineHandler, READERS } from '../../realtime/handler.js';
import type { TandemSocket } from '../../realtime/types.js';
import type { TimersService } from './timers.service.js';

const EVERYONE = ['therapist', 'partner'] as const;
const THERAPIST = ['therapist'] as const;
/** Only people admitted to the room see or change its timers (a device in the waiting room does not). */
const IN_ROOM = { roles: EVERYONE, admitted: true } as const;

export function registerTimerHandlers(
  socket: TandemSocket,
  ready: Promise<unknown>,
  log: Logger,
  timers: TimersService,
  now: () => number,
): void {
  const d = socket.data;
  defineHandler(socket, ready, log, 'time:ping', { roles: EVERYONE, seats: READERS }, () =>
    Promise.resolve({ serverTime: now() }),
  );
  defineHandler(socket, ready, log, 'timer:state', { ...IN_ROOM, seats: READERS }, () => timers.view(d.sessionId));
  defineHandler(socket, ready, log, 'pause:call', IN_ROOM, (payload) => timers.call(d, payload));
  defineHandler(socket, ready, log, 'pause:ready', { roles: ['partner'], admitted: true }, ({ ready: isReady }) =>
    timers.ready(d, isReady),
  );
  defineHandler(socket, ready, log, 'pause:exercise', IN_ROOM, ({ exercise }) => timers.setExercise(d, exercise));
  defineHandler(socket, ready, log, 'pause:end', { roles: THERAPIST }, async () => {
    await timers.end(d);
    return null;
  });
  defineHandler(socket, ready, log, 'pause:extend', { roles: THERAPIST }, ({ minutes }) => timers.extend(d, minutes));
  defineHandler(socket, ready, log, 'pause:settings', { roles: THERAPIST }, (patch) => timers.updateSettings(d, patch));
}
