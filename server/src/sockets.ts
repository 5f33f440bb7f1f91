/**
 * What happens when a Socket.IO client connects: its credential is guarded and watched, the lobby places it, and
 * every feature's handlers are bound to it. Handlers are wired here and nowhere else (features never import
 * another's handlers).
 */
import type { Access } from './access/access.js';
import { ownEnd, socketGuard, type ExpiryWatch, type IdleWatch } from './access/liveConnections.js';
import type { AppContext } from './context.js';
import { registerChatHandlers } from './features/chat/chat.handlers.js';
import type { ChatService } from './features/chat/chat.service.js';
import { registerDraftHandlers } from './features/drafts/drafts.handlers.js';
import type { DraftsService } from './features/drafts/drafts.service.js';
import { registerLobbyHandlers } from './features/lobby/lobby.handlers.js';
import type { LobbyService } from './features/lobby/lobby.service.js';
import { registerMapHandlers } from './features/map/map.handlers.js';
import type { MapService } from './features/map/map.service.js';
import { registerMeasureHandlers } from './features/measures/measures.handlers.js';
import type { MeasuresService } from './features/measures/measures.service.js';
import { registerSafetyHandlers } from './features/safety/safety.handlers.js';
import type { SafetyService } from './features/safety/safety.service.js';
import { registerScriptHandlers } from './features/scripts/scripts.handlers.js';
import type { ScriptsService } from './features/scripts/scripts.service.js';
import { registerTimerHandlers } from './features/timers/timers.handlers.js';
import type { TimersService } from './features/timers/timers.service.js';
import { registerVideoHandlers } from './features/video/video.handlers.js';
import type { VideoService } from './features/video/video.service.js';
import { bindSocketGuard, refuseUnknownEvents } from './realtime/handler.js';
import type { Publisher } from './realtime/publisher.js';
import type { TandemServer } from './realtime/types.js';

export interface SocketFeatures {
  ctx: AppContext;
  access: Access;
  expiry: ExpiryWatch;
  idleWatch: IdleWatch;
  publisher: Publisher;
  lobby: LobbyService;
  map: MapService;
  chat: ChatService;
  video: VideoService;
  timers: TimersService;
  scripts: ScriptsService;
  safety: SafetyService;
  drafts: DraftsService;
  measures: MeasuresService;
}

export function handleConnections(io: TandemServer, features: SocketFeatures): void {
  // The services are listed once, where app.ts makes them; each handler reads its own from `features`.
  const { ctx, access, expiry, idleWatch, publisher, lobby } = features;
  const { clock, logger } = ctx;
  const guard = socketGuard(access, clock, ctx.credentialEnds);
  io.on('connection', (socket) => {
    const data = socket.data;
    bindSocketGuard(socket, guard);
    expiry.watch(ownEnd(data), data.expiresAt);
    if (data.role === 'therapist') idleWatch.watch(data.tokenHash);
    const ready = lobby
      .attach(socket)
      .then(async () => {
        // A credential that ended while the socket was being placed was announced to rooms it had not joined yet:
        // checked again now that it is in them, and ended here (told, then closed) if it no longer stands.
        const credential = data.role === 'therapist' ? { tokenHash: data.tokenHash } : { grantHash: data.grantHash };
        const state = await access.principals.stillValid(credential);
        if (state === 'ended') ctx.credentialEnds.end(ownEnd(data));
      })
      .catch((err: unknown) => {
        logger.error({ err, sessionId: data.sessionId }, 'attach failed');
        socket.disconnect(true);
        throw err;
      });
    ready.catch(() => undefined);
    refuseUnknownEvents(socket);
    registerLobbyHandlers(socket, ready, logger, lobby);
    registerMapHandlers(publisher, socket, ready, logger, features.map);
    registerChatHandlers(publisher, socket, ready, logger, features.chat);
    registerVideoHandlers(socket, ready, logger, features.video);
    registerTimerHandlers(socket, ready, logger, features.timers, () => clock.now());
    registerScriptHandlers(socket, ready, logger, features.scripts);
    registerSafetyHandlers(socket, ready, logger, features.safety);
    registerDraftHandlers(socket, ready, logger, features.drafts);
    registerMeasureHandlers(ctx, socket, ready, logger, features.measures);
    socket.on('disconnect', () => {
      ready
        .then(() => lobby.detach(data))
        .catch((err: unknown) => logger.error({ err, sessionId: data.sessionId }, 'detach failed'));
    });
  });
}
