import { Router } from 'express';
import { idParamSchema } from '@tandem/shared/schemas';
import { parseWith, route } from '../../lib/http.js';
import type { RequireTherapist } from '../../access/http.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { TimersService } from './timers.service.js';

/** The session's pauses for its summary (who, when, how long). */
export function timersRoutes(
  timers: TimersService,
  sessions: SessionsService,
  requireTherapist: RequireTherapist,
): Router {
  const router = Router();
  router.get(
    '/sessions/:id/pauses',
    route(async (req) => {
      const me = await requireTherapist(req);
      const session = await sessions.ownedRow(me.id, parseWith(idParamSchema, req.params['id']));
      return timers.history(session.id);
    }),
  );
  return router;
}
