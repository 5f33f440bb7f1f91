import { Router } from 'express';
import { idParamSchema } from '@tandem/shared/schemas';
import { parseWith, route } from '../../lib/http.js';
import type { VideoService } from './video.service.js';

export function videoRoutes(video: VideoService): Router {
  const router = Router();
  router.get(
    '/sessions/:id/ice',
    route(async (req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      return video.iceFor(req, parseWith(idParamSchema, req.params['id']));
    }),
  );
  return router;
}
