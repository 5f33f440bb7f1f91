import { Router, type Request } from 'express';
import {
  addReviewBodySchema,
  idParamSchema,
  planContentSchema,
  planVersionParamSchema,
  progressQuerySchema,
} from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import type { AuditAction } from '../../lib/audit.js';
import type { RequireTherapist } from '../../access/http.js';
import { parseWith, route } from '../../lib/http.js';
import { AccountService } from '../auth/account.service.js';
import { renderPdf } from '../record/pdf/render.js';
import { sendPdf } from '../record/pdf/send.js';
import type { PlanService } from './plan.service.js';
import { progressDocument } from './progressDocument.js';

/**
 * The treatment plan and the progress against it, therapist-only (a partner's cookie is FORBIDDEN): read, save a
 * new version, read an old version, add a review; the progress data for a period and its PDF. Validated, rate
 * limited per therapist, and every read and write of the plan audited.
 */
export function planRoutes(ctx: AppContext, plans: PlanService, requireTherapist: RequireTherapist): Router {
  const router = Router();
  const coupleOf = (req: Request) => parseWith(idParamSchema, req.params['id']);
  const audit = (actorId: string, action: AuditAction, targetId: string) =>
    ctx.audit.record({ actorType: 'therapist', actorId, action, targetId });

  router.get(
    '/couples/:id/plan',
    route(async (req) => {
      const me = await requireTherapist(req);
      await ctx.limits.consume('planPerTherapist', me.id);
      const coupleId = coupleOf(req);
      const dto = await plans.plan(me.id, coupleId);
      await audit(me.id, 'plan.view', coupleId);
      return dto;
    }),
  );
  router.put(
    '/couples/:id/plan',
    route(async (req) => {
      const me = await requireTherapist(req);
      await ctx.limits.consume('planPerTherapist', me.id);
      const coupleId = coupleOf(req);
      const body = parseWith(planContentSchema, req.body);
      const dto = await plans.save(me.id, coupleId, body);
      await audit(me.id, 'plan.save', coupleId);
      return dto;
    }),
  );
  router.get(
    '/couples/:id/plan/versions/:version',
    route(async (req) => {
      const me = await requireTherapist(req);
      await ctx.limits.consume('planPerTherapist', me.id);
      const coupleId = coupleOf(req);
      const dto = await plans.version(me.id, coupleId, parseWith(planVersionParamSchema, req.params['version']));
      await audit(me.id, 'plan.version.view', coupleId);
      return dto;
    }),
  );
  router.post(
    '/couples/:id/plan/reviews',
    route(async (req) => {
      const me = await requireTherapist(req);
      await ctx.limits.consume('planPerTherapist', me.id);
      const coupleId = coupleOf(req);
      const body = parseWith(addReviewBodySchema, req.body);
      const dto = await plans.addReview(me.id, coupleId, body.note);
      await audit(me.id, 'plan.review', coupleId);
      return dto;
    }),
  );
  router.get(
    '/couples/:id/progress',
    route(async (req) => {
      const me = await requireTherapist(req);
      await ctx.limits.consume('planPerTherapist', me.id);
      const coupleId = coupleOf(req);
      const q = parseWith(progressQuerySchema, req.query);
      const dto = await plans.progress(me.id, coupleId, plans.period(q));
      await audit(me.id, 'progress.view', coupleId);
      return dto;
    }),
  );
  router.get(
    '/couples/:id/progress.pdf',
    route(async (req, res) => {
      const me = await requireTherapist(req);
      await ctx.limits.consume('pdfPerTherapist', me.id);
      const coupleId = coupleOf(req);
      const q = parseWith(progressQuerySchema, req.query);
      const [progress, practice] = await Promise.all([
        plans.progress(me.id, coupleId, plans.period(q)),
        new AccountService(ctx).practice(me.id),
      ]);
      const pdf = await renderPdf(
        progressDocument(
          { progress, practiceName: practice.practiceName, therapistName: me.name },
          { lang: q.lang ?? 'en', timeZone: q.tz ?? 'UTC' },
        ),
      );
      await audit(me.id, 'progress.pdf', coupleId);
      sendPdf(res, pdf, `progress-${progress.to}.pdf`);
    }),
  );
  return router;
}
