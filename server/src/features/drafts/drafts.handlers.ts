import type { Logger } from '../../lib/logger.js';
import { defineHandler, READERS } from '../../realtime/handler.js';
import type { TandemSocket } from '../../realtime/types.js';
import type { DraftsService } from './drafts.service.js';

const THERAPIST = { roles: ['therapist'] } as const;
/** A partner drafts and answers only while admitted to the room. */
const PARTNER = { roles: ['partner'], admitted: true } as const;

export function registerDraftHandlers(
  socket: TandemSocket,
  ready: Promise<unknown>,
  log: Logger,
  drafts: DraftsService,
): void {
  defineHandler(
    socket,
    ready,
    log,
    'drafts:state',
    { roles: ['therapist', 'partner'], admitted: true, seats: READERS },
    (_p, who) => drafts.state(who),
  );
  defineHandler(socket, ready, log, 'drafts:open', THERAPIST, (_p, who) => drafts.open(who));
  defineHandler(socket, ready, log, 'drafts:close', THERAPIST, (_p, who) => drafts.close(who));
  defineHandler(socket, ready, log, 'drafts:reveal', THERAPIST, (payload, who) => drafts.requestReveal(who, payload));
  defineHandler(socket, ready, log, 'drafts:save', PARTNER, (payload, who) => drafts.save(who, payload));
  defineHandler(socket, ready, log, 'drafts:delete', PARTNER, ({ id }, who) => drafts.remove(who, id));
  defineHandler(socket, ready, log, 'drafts:answer', PARTNER, (payload, who) => drafts.answer(who, payload));
}
