import type { Logger } from '../../lib/logger.js';
import { defineHandler, READERS } from '../../realtime/handler.js';
import type { Publisher } from '../../realtime/publisher.js';
import type { SocketData, TandemSocket } from '../../realtime/types.js';
import type { ChatActor, ChatService } from './chat.service.js';

const actorOf = (d: SocketData): ChatActor => ({
  role: d.role,
  therapistId: d.therapistId,
  partnerId: d.partnerId,
  sessionId: d.sessionId,
});

export function registerChatHandlers(
  publish: Publisher,
  socket: TandemSocket,
  ready: Promise<unknown>,
  log: Logger,
  chat: ChatService,
): void {
  /** A partner's device talks only while admitted; the therapist always. */
  const present = { roles: ['therapist', 'partner'], admitted: true } as const;

  defineHandler(socket, ready, log, 'chat:send', present, async ({ partnerId, text }, who) => {
    const message = await chat.send(actorOf(who), partnerId, text);
    // Only this line's audience: that partner's admitted devices and the therapist's sockets. Never the room.
    publish.toPartner(who.sessionId, partnerId).emit('chat:message', message);
    return message;
  });
  defineHandler(socket, ready, log, 'chat:history', { ...present, seats: READERS }, ({ partnerId }, who) =>
    chat.history(actorOf(who), partnerId),
  );
  defineHandler(socket, ready, log, 'chat:read', present, async ({ partnerId, upToId }, who) => {
    const event = await chat.markRead(actorOf(who), partnerId, upToId);
    if (event) publish.toPartner(who.sessionId, partnerId).emit('chat:read', event);
    return null;
  });
}
