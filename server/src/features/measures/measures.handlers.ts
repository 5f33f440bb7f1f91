import type { Logger } from '../../lib/logger.js';
import { defineHandler, READERS } from '../../realtime/handler.js';
import type { TandemSocket } from '../../realtime/types.js';
import type { AppContext } from '../../context.js';
import type { MeasuresService } from './measures.service.js';

/** Only people admitted to the room see the check-in or answer it (a device in the waiting room does not). */
const IN_ROOM = { roles: ['therapist', 'partner'], admitted: true } as const;

export function registerMeasureHandlers(
  ctx: AppContext,
  socket: TandemSocket,
  ready: Promise<unknown>,
  log: Logger,
  measures: MeasuresService,
): void {
  defineHandler(socket, ready, log, 'measures:state', { ...IN_ROOM, seats: READERS }, async (_payload, who) => {
    await ctx.limits.consume('measureActionsPerPerson', `${who.role}:${who.personId}`);
    return measures.view(who);
  });
  defineHandler(socket, ready, log, 'measures:answer', { roles: ['partner'], admitted: true }, (payload, who) =>
    measures.answer(who, payload),
  );
  defineHandler(socket, ready, log, 'measures:open', { roles: ['therapist'] }, ({ occasion, instrumentId }, who) =>
    measures.openOccasion(who, occasion, instrumentId),
  );
  defineHandler(socket, ready, log, 'measures:close', { roles: ['therapist'] }, ({ occasion }, who) =>
    measures.closeOccasion(who, occasion),
  );
}
