import type { Logger } from '../../lib/logger.js';
import { defineHandler, READERS } from '../../realtime/handler.js';
import type { TandemSocket } from '../../realtime/types.js';
import type { ScriptsService } from './scripts.service.js';

const THERAPIST = ['therapist'] as const;

export function registerScriptHandlers(
  socket: TandemSocket,
  ready: Promise<unknown>,
  log: Logger,
  scripts: ScriptsService,
): void {
  const d = socket.data;
  defineHandler(
    socket,
    ready,
    log,
    'script:state',
    { roles: ['therapist', 'partner'], admitted: true, seats: READERS },
    () => scripts.state(d.sessionId),
  );
  defineHandler(socket, ready, log, 'script:start', { roles: THERAPIST }, (payload) => scripts.start(d, payload));
  defineHandler(socket, ready, log, 'script:next', { roles: THERAPIST }, () => scripts.next(d));
  defineHandler(socket, ready, log, 'script:back', { roles: THERAPIST }, () => scripts.back(d));
  defineHandler(socket, ready, log, 'script:swap', { roles: THERAPIST }, () => scripts.swap(d));
  defineHandler(socket, ready, log, 'script:pause', { roles: THERAPIST }, ({ paused }) => scripts.pause(d, paused));
  defineHandler(socket, ready, log, 'script:end', { roles: THERAPIST }, () => scripts.end(d));
  defineHandler(socket, ready, log, 'script:done', { roles: ['partner'], admitted: true }, () => scripts.done(d));
}
