import { Router, type Request, type Response } from 'express';
import { idParamSchema, intakeBodySchema, locationBodySchema, screeningAnswerBodySchema } from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import type { RequireTherapist } from '../../access/http.js';
import type { PartnerPrincipal } from '../../access/principal.js';
import { parseWith, route } from '../../lib/http.js';
import type { CaseLinksService } from '../between/caseLinks.service.js';
import type { ScreeningService } from './screening.service.js';

/**
 * REST for the intake, the location at a session's start and the private screening. A partner's routes take their
 * own id from their credential (never from the path), so no route of theirs can name the other partner.
 */
export function screeningRoutes(
  ctx: AppContext,
  screening: ScreeningService,
  links: CaseLinksService,
  requireTherapist: RequireTherapist,
  requireGuest: (req: Request) => Promise<PartnerPrincipal>,
): Router {
  const router = Router();
  const idOf = (req: Request, name: string) => parseWith(idParamSchema, req.params[name]);
  const therapist = async (req: Request) => {
    const me = await requireTherapist(req);
    await ctx.limits.consume('safetyPerTherapist', me.id);
    return me;
  };
  const caseReader = async (req: Request, res: Response) => {
    const p = await links.require(req, res);
    await ctx.limits.consume('betweenReadsPerPartner', p.partnerId);
    return p;
  };
  const caseWriter = async (req: Request, res: Response) => {
    const p = await links.require(req, res);
    await ctx.limits.consume('betweenWritesPerPartner', p.partnerId);
    return p;
  };
  const guest = async (req: Request, limit: 'betweenReadsPerPartner' | 'betweenWritesPerPartner') => {
    const p = await requireGuest(req);
    await ctx.limits.consume(limit, p.partnerId);
    return p;
  };

  // The partner's own page (case cookie).
  router.get(
    '/me/safety',
    route(async (req, res) => screening.mine(await caseReader(req, res))),
  );
  router.put(
    '/me/intake',
    route(async (req, res) => {
      const p = await caseWriter(req, res);
      return screening.saveIntake(p, parseWith(intakeBodySchema, req.body));
    }),
  );
  router.post(
    '/me/screenings/:id',
    route(async (req, res) => {
      const p = await caseWriter(req, res);
      return screening.answerScreening(p, idOf(req, 'id'), parseWith(screeningAnswerBodySchema, req.body));
    }),
  );

  // The partner at a session's start (session cookie).
  router.get(
    '/join/:sessionId/location',
    route(async (req) => screening.myLocation(await guest(req, 'betweenReadsPerPartner'))),
  );
  router.put(
    '/join/:sessionId/location',
    route(async (req) => {
      const p = await guest(req, 'betweenWritesPerPartner');
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
  router.get(
    '/sessions/:id/whereabouts',
    route(async (req) => screening.whereabouts((await therapist(req)).id, idOf(req, 'id'))),
  );
  return router;
}
