import { Router, type Request, type Response } from 'express';
import {
  caseRedeemBodySchema,
  conflictEntryBodySchema,
  homeworkBodySchema,
  homeworkMarkBodySchema,
  idParamSchema,
  pdfQuerySchema,
  weeklyAnswerBodySchema,
} from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import type { RequireTherapist } from '../../access/http.js';
import { notFound } from '../../lib/errors.js';
import type { PartnerAccess } from './partnerAccess.js';
import { parseWith, route } from '../../lib/http.js';
import type { SummariesService } from '../summaries/summaries.service.js';
import { sendSummaryPdf } from '../summaries/pdf/summaryPdf.js';
import type { BetweenService } from './between.service.js';
import type { CaseLinksService } from './caseLinks.service.js';

/** A malformed id is as unknown as any other. */
const idOf = (req: Request, name: string) => {
  const id = idParamSchema.safeParse(req.params[name]);
  if (!id.success) throw notFound('Not found.');
  return id.data;
};

/** The therapist: the couple's case links, the between-session overview, and the tasks of a session. */
export function betweenTherapistRoutes(
  ctx: AppContext,
  between: BetweenService,
  links: CaseLinksService,
  requireTherapist: RequireTherapist,
  publicOrigin: (req: Request) => string,
): Router {
  const router = Router();
  const therapist = async (req: Request, limit: 'caseLinksPerTherapist' | 'betweenPerTherapist') => {
    const me = await requireTherapist(req);
    await ctx.limits.consume(limit, me.id);
    return me;
  };
  const coupleOf = (req: Request) => parseWith(idParamSchema, req.params['coupleId']);
  const partnerOf = (req: Request) => parseWith(idParamSchema, req.params['partnerId']);

  router.get(
    '/couples/:coupleId/case-links',
    route(async (req) => links.list((await therapist(req, 'betweenPerTherapist')).id, coupleOf(req))),
  );
  router.post(
    '/couples/:coupleId/case-links/:partnerId',
    route(async (req) => {
      const me = await therapist(req, 'caseLinksPerTherapist');
      return links.issue(me.id, coupleOf(req), partnerOf(req), publicOrigin(req));
    }),
  );
  router.delete(
    '/couples/:coupleId/case-links/:partnerId',
    route(async (req) => {
      const me = await therapist(req, 'caseLinksPerTherapist');
      return links.revoke(me.id, coupleOf(req), partnerOf(req));
    }),
  );
  router.get(
    '/couples/:coupleId/between',
    route(async (req) => between.overview((await therapist(req, 'betweenPerTherapist')).id, coupleOf(req))),
  );
  router.get(
    '/sessions/:id/homework',
    route(async (req) => {
      const me = await therapist(req, 'betweenPerTherapist');
      return between.sessionHomework(me.id, parseWith(idParamSchema, req.params['id']));
    }),
  );
  router.post(
    '/sessions/:id/homework',
    route(async (req) => {
      const me = await therapist(req, 'betweenPerTherapist');
      const sessionId = parseWith(idParamSchema, req.params['id']);
      return between.addHomework(me.id, sessionId, parseWith(homeworkBodySchema, req.body));
    }),
  );
  router.post(
    '/homework/:id/close',
    route(async (req) => {
      const me = await therapist(req, 'betweenPerTherapist');
      return between.closeHomework(me.id, idOf(req, 'id'));
    }),
  );
  return router;
}

/** In the room: a partner's open tasks in their private panel, through the session's cookie. */
export function betweenRoomRoutes(ctx: AppContext, between: BetweenService, partners: PartnerAccess): Router {
  const router = Router();
  router.get(
    '/join/:sessionId/homework',
    route(async (req) => between.openTasks(await partners.inSession(req, 'read'))),
  );
  router.put(
    '/join/:sessionId/homework/:id/mark',
    route(async (req) => {
      const p = await partners.inSession(req, 'write');
      return between.mark(p, idOf(req, 'id'), parseWith(homeworkMarkBodySchema, req.body));
    }),
  );
  return router;
}

/** The partner's own page, through the case cookie (scoped to `/api/me`). */
export function betweenPartnerRoutes(
  ctx: AppContext,
  between: BetweenService,
  links: CaseLinksService,
  partners: PartnerAccess,
  summaries: SummariesService,
): Router {
  const router = Router();
  const reader = (req: Request, res: Response) => partners.onCase(req, res, 'read');
  const writer = (req: Request, res: Response) => partners.onCase(req, res, 'write');

  router.post(
    '/me/redeem',
    route(async (req, res) => links.redeem(req, res, parseWith(caseRedeemBodySchema, req.body).token)),
  );
  router.post(
    '/me/quick-exit',
    route(async (req, res) => {
      await links.leave(req, res);
      return null;
    }),
  );
  router.get(
    '/me',
    route(async (req, res) => between.me(await reader(req, res))),
  );
  router.put(
    '/me/homework/:id/mark',
    route(async (req, res) => {
      const p = await writer(req, res);
      return between.mark(p, idOf(req, 'id'), parseWith(homeworkMarkBodySchema, req.body));
    }),
  );
  router.put(
    '/me/weekly',
    route(async (req, res) => {
      const p = await writer(req, res);
      return between.answerWeekly(p, parseWith(weeklyAnswerBodySchema, req.body));
    }),
  );
  router.post(
    '/me/conflicts',
    route(async (req, res) => {
      const p = await writer(req, res);
      return between.addConflict(p, parseWith(conflictEntryBodySchema, req.body));
    }),
  );
  router.put(
    '/me/conflicts/:id',
    route(async (req, res) => {
      const p = await writer(req, res);
      return between.updateConflict(p, idOf(req, 'id'), parseWith(conflictEntryBodySchema, req.body));
    }),
  );
  router.delete(
    '/me/conflicts/:id',
    route(async (req, res) => between.deleteConflict(await writer(req, res), idOf(req, 'id'))),
  );
  // A released summary as its PDF (the same one the session link gives), or as JSON.
  router.get(
    '/me/summaries/:summaryId.pdf',
    route(async (req, res) => {
      const p = await reader(req, res);
      await ctx.limits.consume('summaryPdfPerPartner', p.partnerId);
      const query = parseWith(pdfQuerySchema, req.query);
      const released = await summaries.releasedOne(p, idOf(req, 'summaryId'), 'partner_summary.pdf');
      await sendSummaryPdf(ctx, res, released, p.therapistId, query);
    }),
  );
  router.get(
    '/me/summaries/:summaryId',
    route(async (req, res) => summaries.releasedOne(await reader(req, res), idOf(req, 'summaryId'))),
  );
  return router;
}
