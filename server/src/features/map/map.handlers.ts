import type { Logger } from '../../lib/logger.js';
import { forbidden } from '../../lib/errors.js';
import { defineHandler } from '../../realtime/handler.js';
import type { Publisher } from '../../realtime/publisher.js';
import type { TandemSocket } from '../../realtime/types.js';
import type { MapService } from './map.service.js';

export function registerMapHandlers(
  publish: Publisher,
  socket: TandemSocket,
  ready: Promise<unknown>,
  log: Logger,
  map: MapService,
): void {
  const d = socket.data;
  defineHandler(socket, ready, log, 'map:lock', { roles: ['therapist'] }, async ({ locked }) => {
    await map.setLock(d.coupleId, locked);
    publish.toRoom(d.sessionId).emit('map:lock', { locked });
    return { locked };
  });
  defineHandler(socket, ready, log, 'map:share', { roles: ['partner'] }, (payload) => {
    if (d.partnerId === null) throw forbidden();
    return map.share({ sessionId: d.sessionId, coupleId: d.coupleId, partnerId: d.partnerId }, payload);
  });
}
