import { Router } from 'express';
import { createCoupleBodySchema, idParamSchema, updateCoupleBodySchema } from '@tandem/shared/schemas';
import { parseWith, route } from '../../lib/http.js';
import type { RequireTherapist } from '../../access/http.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { CouplesService } from './couples.service.js';

export function couplesRoutes(
  couples: CouplesService,
  sessions: SessionsService,
  requireTherapist: RequireTherapist,
): Router {
  const router = Router();
  router.get(
    '/couples',
    route(async (req) => couples.list((await requireTherapist(req)).id, req.query['archived'] === 'true')),
  );
  router.post(
    '/couples',
    route(async (req) => couples.create((await requireTherapist(req)).id, parseWith(createCoupleBodySchema, req.body))),
  );
  router.get(
    '/couples/:id',
    route(async (req) => couples.get((await requireTherapist(req)).id, parseWith(idParamSchema, req.params['id']))),
  );
  router.patch(
    '/couples/:id',
    route(async (req) =>
      couples.update(
        (await requireTherapist(req)).id,
        parseWith(idParamSchema, req.params['id']),
        parseWith(updateCoupleBodySchema, req.body),
      ),
    ),
  );
  router.get(
    '/couples/:id/sessions',
    route(async (req) =>
      sessions.listForCouple((await requireTherapist(req)).id, parseWith(idParamSchema, req.params['id'])),
    ),
  );
  return router;
}
