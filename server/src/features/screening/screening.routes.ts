import { Router, type Request } from 'express';
import {
  idParamSchema,
  intakeBodySchema,
  jointWorkBodySchema,
  locationBodySchema,
  screeningAnswerBodySchema,
} from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import type { RequireTherapist } from '../../access/http.js';
import type { PartnerAccess } from '../between/partnerAccess.js';
import { parseWith, route } from '../../lib/http.js';
import type { ScreeningService } from './screening.service.js';

/**
 * REST for the intake, the location at a session's start and the private screening. A partner's routes take their
 * own id from their credential (never from the path), so no route of theirs can name the other partner.
 */
export function screeningRoutes(
  ctx: AppContext,
  screening: ScreeningService,
  partners: PartnerAccess,
  requireTherapist: RequireTherapist,
  publicOrigin: (req: Request) => string,
): Router {
  const router = Router();
  const idOf = (req: Request, name: string) => parseWith(idParamSchema, req.params[name]);
  const therapist = async (req: Request) => {
    const me = await requireTherapist(req);
    await ctx.limits.consume('safetyPerTherapist', me.id);
    return me;
  };

  // The partner's own page (case cookie).
  router.get(
    '/me/safety',
    route(async (req, res) => screening.mine(await partners.onCase(req, res, 'read'))),
  );
  router.put(
    '/me/intake',
    route(async (req, res) => {
      const p = await partners.onCase(req, res, 'write');
      return screening.saveIntake(p, parseWith(intakeBodySchema, req.body));
    }),
  );
  router.post(
    '/me/screenings/:id',
    route(async (req, res) => {
      const p = await partners.onCase(req, res, 'write');
      return screening.answerScreening(p, idOf(req, 'id'), parseWith(screeningAnswerBodySchema, req.body));
    }),
  );

  // The partner at a session's start (session cookie).
  router.get(
    '/join/:sessionId/location',
    route(async (req) => screening.myLocation(await partners.inSession(req, 'read'))),
  );
  router.put(
    '/join/:sessionId/location',
    route(async (req) => {
      const p = await partners.inSession(req, 'write');
      return screening.confirmLocation(p, parseWith(locationBodySchema, req.body));
    }),
  );

  // The therapist.
  router.get(
    '/couples/:coupleId/safety',
    route(async (req) => screening.coupleSafety((await therapist(req)).id, idOf(req, 'coupleId'))),
  );
  router.post(
    '/couples/:coupleId/partners/:partnerId/screenings',
    route(async (req) => {
      const me = await therapist(req);
      return screening.sendScreening(me.id, idOf(req, 'coupleId'), idOf(req, 'partnerId'));
    }),
  );
  router.put(
    '/couples/:coupleId/joint-work',
    route(async (req) => {
      const me = await therapist(req);
      const body = parseWith(jointWorkBodySchema, req.body);
      return screening.setJointWork(me.id, idOf(req, 'coupleId'), body, publicOrigin(req));
    }),
  );
  router.get(
    '/sessions/:id/whereabouts',
    route(async (req) => screening.whereabouts((await therapist(req)).id, idOf(req, 'id'))),
  );
  return router;
}
