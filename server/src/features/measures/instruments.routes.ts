import { Router } from 'express';
import { importInstrumentBodySchema, instrumentIdSchema } from '@tandem/shared/schemas';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { RequireTherapist } from '../../access/http.js';
import { parseWith, route } from '../../lib/http.js';
import type { InstrumentsService } from './instruments.service.js';

const versionParam = z.coerce.number().int().min(1).max(1_000_000);

/**
 * The practice's instruments, therapist-only: the built-ins and imported definitions (JSON, validated, every
 * version kept). Reads and imports are rate-limited per therapist. The body is held to the API's 32 KB limit; a definition holds at most 100 items.
 */
export function instrumentsRoutes(
  ctx: AppContext,
  instruments: InstrumentsService,
  requireTherapist: RequireTherapist,
): Router {
  const router = Router();
  router.get(
    '/instruments',
    route(async (req) => {
      const me = await requireTherapist(req);
      await ctx.limits.consume('instrumentReadsPerTherapist', me.id);
      return instruments.list(me.id);
    }),
  );
  router.get(
    '/instruments/:id/versions/:version',
    route(async (req) => {
      const me = await requireTherapist(req);
      await ctx.limits.consume('instrumentReadsPerTherapist', me.id);
      const id = parseWith(instrumentIdSchema, req.params['id']);
      const version = parseWith(versionParam, req.params['version']);
      return instruments.require(me.id, id, version);
    }),
  );
  router.post(
    '/instruments',
    route(async (req, res) => {
      const me = await requireTherapist(req);
      await ctx.limits.consume('instrumentImportsPerTherapist', me.id);
      const result = await instruments.import(me.id, parseWith(importInstrumentBodySchema, req.body));
      res.status(result.created ? 201 : 200);
      return result;
    }),
  );
  return router;
}
