import { Router, type Request } from 'express';
import {
  idParamSchema,
  pdfQuerySchema,
  releaseSummaryBodySchema,
  summaryAudienceParamSchema,
  summaryDraftBodySchema,
} from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import type { PartnerPrincipal } from '../../access/principal.js';
import type { RequireTherapist } from '../../access/http.js';
import { notFound } from '../../lib/errors.js';
import { parseWith, route } from '../../lib/http.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { SummariesService } from './summaries.service.js';
import { sendSummaryPdf } from './pdf/summaryPdf.js';

/**
 * The therapist prepares, reviews, releases and withdraws a session's summaries (their own sessions only; a
 * partner's cookie is FORBIDDEN). Every call is rate limited per therapist: each one assembles the content.
 */
export function summariesRoutes(
  ctx: AppContext,
  summaries: SummariesService,
  sessions: SessionsService,
  requireTherapist: RequireTherapist,
): Router {
  const router = Router();
  const owned = async (req: Request) => {
    const me = await requireTherapist(req);
    await ctx.limits.consume('summariesPerTherapist', me.id);
    const session = await sessions.ownedRow(me.id, parseWith(idParamSchema, req.params['id']));
    return { me, session };
  };
  const audienceOf = (req: Request) => parseWith(summaryAudienceParamSchema, req.params['audience']);

  router.get(
    '/sessions/:id/summaries',
    route(async (req) => {
      const { session } = await owned(req);
      return summaries.state(session);
    }),
  );
  // The released version as a PDF (registered before the JSON route, whose parameter would take "x.pdf").
  router.get(
    '/sessions/:id/summaries/:audience.pdf',
    route(async (req, res) => {
      const { me, session } = await owned(req);
      await ctx.limits.consume('pdfPerTherapist', me.id);
      const query = parseWith(pdfQuerySchema, req.query);
      const released = await summaries.releasedOf(session, audienceOf(req), me.id);
      await sendSummaryPdf(ctx, res, released, session.therapist_id, query);
    }),
  );
  router.get(
    '/sessions/:id/summaries/:audience',
    route(async (req) => {
      const { session } = await owned(req);
      return summaries.get(session, audienceOf(req));
    }),
  );
  router.put(
    '/sessions/:id/summaries/:audience',
    route(async (req) => {
      const { me, session } = await owned(req);
      const audience = audienceOf(req);
      return summaries.save(session, audience, me.id, parseWith(summaryDraftBodySchema, req.body));
    }),
  );
  router.post(
    '/sessions/:id/summaries/:audience/release',
    route(async (req) => {
      const { me, session } = await owned(req);
      const audience = audienceOf(req);
      const { contentHash } = parseWith(releaseSummaryBodySchema, req.body);
      return summaries.release(session, audience, me, contentHash);
    }),
  );
  router.post(
    '/sessions/:id/summaries/:audience/withdraw',
    route(async (req) => {
      const { me, session } = await owned(req);
      return summaries.withdraw(session, audienceOf(req), me.id);
    }),
  );
  return router;
}

/**
 * A partner reads what their therapist released to them, through any of their session links (before, during or
 * after that session, while its cookie stands): the couple's summaries and their own, nobody else's.
 */
export function partnerSummariesRoutes(
  ctx: AppContext,
  summaries: SummariesService,
  requireReader: (req: Request) => Promise<PartnerPrincipal>,
): Router {
  const router = Router();
  const reader = async (req: Request) => {
    const p = await requireReader(req);
    await ctx.limits.consume('summaryReadsPerPartner', p.partnerId);
    return p;
  };
  router.get(
    '/join/:sessionId/summaries',
    route(async (req) => summaries.releasedFor(await reader(req))),
  );
  // A malformed id is as unknown as any other: NOT_FOUND.
  const summaryIdOf = (req: Request) => {
    const id = idParamSchema.safeParse(req.params['summaryId']);
    if (!id.success) throw notFound('No such summary.');
    return id.data;
  };
  // Its PDF: the same released content, nothing more; its own tighter limit (each one lays out a document).
  router.get(
    '/join/:sessionId/summaries/:summaryId.pdf',
    route(async (req, res) => {
      const p = await reader(req);
      await ctx.limits.consume('summaryPdfPerPartner', p.partnerId);
      const query = parseWith(pdfQuerySchema, req.query);
      const released = await summaries.releasedOne(p, summaryIdOf(req), 'partner_summary.pdf');
      await sendSummaryPdf(ctx, res, released, p.therapistId, query);
    }),
  );
  router.get(
    '/join/:sessionId/summaries/:summaryId',
    route(async (req) => summaries.releasedOne(await reader(req), summaryIdOf(req))),
  );
  return router;
}
