import { Router } from 'express';
import { idParamSchema } from '@tandem/shared/schemas';
import { parseWith, route } from '../../lib/http.js';
import type { RequireTherapist } from '../../access/http.js';
import type { MapService } from './map.service.js';

export function mapRoutes(map: MapService, requireTherapist: RequireTherapist): Router {
  const router = Router();
  router.get(
    '/couples/:id/map/history',
    route(async (req) => map.history((await requireTherapist(req)).id, parseWith(idParamSchema, req.params['id']))),
  );
  router.get(
    '/map-snapshots/:id',
    route(async (req) => map.snapshot((await requireTherapist(req)).id, parseWith(idParamSchema, req.params['id']))),
  );
  router.post(
    '/map-snapshots/:id/restore',
    route(async (req) => map.restore((await requireTherapist(req)).id, parseWith(idParamSchema, req.params['id']))),
  );
  return router;
}
