import { Router } from 'express';
import { idParamSchema } from '@tandem/shared/schemas';
import type { Db } from '../../db/database.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { parseWith, route } from '../../lib/http.js';
import type { RequireTherapist } from '../auth/auth.routes.js';
import type { ScriptsService } from '../scripts/scripts.service.js';
import type { TimersService } from './timers.service.js';

/** The session's record for its summary: the pauses (who, when, how long) and the script runs (steps, timings). */
export function timersRoutes(
  db: Db,
  timers: TimersService,
  scripts: ScriptsService,
  requireTherapist: RequireTherapist,
): Router {
  const router = Router();
  const owned = async (therapistId: string, sessionId: string) => {
    const row = await db.selectFrom('sessions').select('therapist_id').where('id', '=', sessionId).executeTakeFirst();
    if (!row) throw notFound('No such session.');
    if (row.therapist_id !== therapistId) throw forbidden();
    return sessionId;
  };
  router.get(
    '/sessions/:id/pauses',
    route(async (req) =>
      timers.history(await owned((await requireTherapist(req)).id, parseWith(idParamSchema, req.params['id']))),
    ),
  );
  router.get(
    '/sessions/:id/script-runs',
    route(async (req) =>
      scripts.runs(await owned((await requireTherapist(req)).id, parseWith(idParamSchema, req.params['id']))),
    ),
  );
  return router;
}
