import { Router } from 'express';
import { idParamSchema, scriptBodySchema, scriptIdSchema } from '@tandem/shared/schemas';
import { parseWith, route } from '../../lib/http.js';
import type { RequireTherapist } from '../../access/http.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { ScriptsService } from './scripts.service.js';

/**
 * /api/scripts: the built-in library plus the therapist's own scripts. Duplicating is a POST of a copy.
 * Also a session's script runs for its summary (steps, timings).
 */
export function scriptsRoutes(
  scripts: ScriptsService,
  sessions: SessionsService,
  requireTherapist: RequireTherapist,
): Router {
  const router = Router();
  router.get(
    '/sessions/:id/script-runs',
    route(async (req) => {
      const me = await requireTherapist(req);
      const session = await sessions.ownedRow(me.id, parseWith(idParamSchema, req.params['id']));
      return scripts.runs(session.id);
    }),
  );
  router.get(
    '/scripts',
    route(async (req) => scripts.list((await requireTherapist(req)).id)),
  );
  router.get(
    '/scripts/:id',
    route(async (req) => scripts.get((await requireTherapist(req)).id, parseWith(scriptIdSchema, req.params['id']))),
  );
  router.post(
    '/scripts',
    route(async (req, res) => {
      const me = await requireTherapist(req);
      const created = await scripts.create(me.id, parseWith(scriptBodySchema, req.body));
      res.status(201);
      return created;
    }),
  );
  router.put(
    '/scripts/:id',
    route(async (req) => {
      const me = await requireTherapist(req);
      return scripts.update(me.id, parseWith(scriptIdSchema, req.params['id']), parseWith(scriptBodySchema, req.body));
    }),
  );
  router.delete(
    '/scripts/:id',
    route(async (req) => {
      const me = await requireTherapist(req);
      await scripts.remove(me.id, parseWith(scriptIdSchema, req.params['id']));
      return null;
    }),
  );
  return router;
}
