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

  /** A JSON route: the therapist, their rate limit, the couple from the path, then the work, then the audit. */
  const json = <T>(
    method: 'get' | 'put' | 'post',
    path: string,
    action: AuditAction,
    work: (therapistId: string, coupleId: string, req: Request) => Promise<T>,
  ) =>
    router[method](
      path,
      route(async (req) => {
        const me = await requireTherapist(req);
        await ctx.limits.consume('planPerTherapist', me.id);
        const coupleId = coupleOf(req);
        const dto = await work(me.id, coupleId, req);
        await audit(me.id, action, coupleId);
        return dto;
      }),
    );

  json('get', '/couples/:id/plan', 'plan.view', (me, couple) => plans.plan(me, couple));
  json('put', '/couples/:id/plan', 'plan.save', (me, couple, req) =>
    plans.save(me, couple, parseWith(planContentSchema, req.body)),
  );
  json('get', '/couples/:id/plan/versions/:version', 'plan.version.view', (me, couple, req) =>
    plans.version(me, couple, parseWith(planVersionParamSchema, req.params['version'])),
  );
  json('post', '/couples/:id/plan/reviews', 'plan.review', (me, couple, req) =>
    plans.addReview(me, couple, parseWith(addReviewBodySchema, req.body).note),
  );
  json('get', '/couples/:id/progress', 'progress.view', (me, couple, req) =>
    plans.progress(me, couple, plans.period(parseWith(progressQuerySchema, req.query))),
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
        new AccountService(ctx).practice(),
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
