import type { Logger } from '../../lib/logger.js';
import { defineHandler } from '../../realtime/handler.js';
import { rooms, type TandemServer, type TandemSocket } from '../../realtime/types.js';
import type { LobbyService } from '../lobby/lobby.service.js';
import type { ChatActor, ChatService } from './chat.service.js';

export function registerChatHandlers(
  io: TandemServer,
  socket: TandemSocket,
  ready: Promise<unknown>,
  log: Logger,
  chat: ChatService,
  lobby: LobbyService,
): void {
  const d = socket.data;
  const actor: ChatActor = { role: d.role, therapistId: d.therapistId, partnerId: d.partnerId, sessionId: d.sessionId };
  const both = ['therapist', 'partner'] as const;
  /** A partner talks only while in the room; the therapist always. */
  const assertPresent = async () => {
    if (d.role === 'partner') await lobby.assertAdmitted(d.sessionId, d.partnerId ?? '');
  };

  defineHandler(socket, ready, log, 'chat:send', { roles: both }, async ({ partnerId, text }) => {
    await assertPresent();
    const message = await chat.send(actor, partnerId, text);
    // Only this line's audience: that partner's sockets and the therapist's. Never the room.
    io.to(rooms.partner(d.sessionId, partnerId)).emit('chat:message', message);
    return message;
  });
  defineHandler(socket, ready, log, 'chat:history', { roles: both }, async ({ partnerId }) => {
    await assertPresent();
    return chat.history(actor, partnerId);
  });
  defineHandler(socket, ready, log, 'chat:read', { roles: both }, async ({ partnerId, upToId }) => {
    await assertPresent();
    const event = await chat.markRead(actor, partnerId, upToId);
    if (event) io.to(rooms.partner(d.sessionId, partnerId)).emit('chat:read', event);
    return null;
  });
  defineHandler(socket, ready, log, 'session:quick-exit', { roles: ['partner'] }, async () => {
    await lobby.quickExit(d.sessionId, d.partnerId ?? '');
    return null;
  });
}
