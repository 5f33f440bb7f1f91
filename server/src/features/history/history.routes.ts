import { Router, type Request } from 'express';
import { idParamSchema, mapCompareQuerySchema } from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import type { RequireTherapist } from '../../access/http.js';
import { parseWith, route } from '../../lib/http.js';
import { AccountService } from '../auth/account.service.js';
import { renderPdf } from '../record/pdf/render.js';
import { sendPdf } from '../record/pdf/send.js';
import { compareDocument } from './compareDocument.js';
import type { HistoryService } from './history.service.js';

/**
 * The couple's history, therapist-only (a partner's cookie is FORBIDDEN): the sessions with their kept maps, two
 * maps compared, and that comparison as a PDF. Rate limited per therapist (each comparison decodes two maps).
 */
export function historyRoutes(ctx: AppContext, history: HistoryService, requireTherapist: RequireTherapist): Router {
  const router = Router();
  const coupleOf = (req: Request) => parseWith(idParamSchema, req.params['id']);

  router.get(
    '/couples/:id/history',
    route(async (req) => {
      const me = await requireTherapist(req);
      await ctx.limits.consume('recordPerTherapist', me.id);
      const coupleId = coupleOf(req);
      const dto = await history.history(me.id, coupleId);
      await ctx.audit.record({ actorType: 'therapist', actorId: me.id, action: 'history.view', targetId: coupleId });
      return dto;
    }),
  );
  router.get(
    '/couples/:id/history/compare',
    route(async (req) => {
      const me = await requireTherapist(req);
      await ctx.limits.consume('recordPerTherapist', me.id);
      const q = parseWith(mapCompareQuerySchema, req.query);
      return history.compare(me.id, coupleOf(req), q.from, q.to);
    }),
  );
  router.get(
    '/couples/:id/history/compare.pdf',
    route(async (req, res) => {
      const me = await requireTherapist(req);
      await ctx.limits.consume('pdfPerTherapist', me.id);
      const coupleId = coupleOf(req);
      const q = parseWith(mapCompareQuerySchema, req.query);
      const [dto, compare, practice] = await Promise.all([
        history.history(me.id, coupleId),
        history.compare(me.id, coupleId, q.from, q.to),
        new AccountService(ctx).practice(),
      ]);
      const name = (slot: 'a' | 'b') => dto.partners.find((p) => p.slot === slot)?.name ?? '';
      const pdf = await renderPdf(
        compareDocument(
          {
            compare,
            coupleName: dto.coupleName,
            names: { a: name('a'), b: name('b') },
            practiceName: practice.practiceName,
            therapistName: me.name,
          },
          { lang: q.lang ?? 'en', timeZone: q.tz ?? 'UTC' },
        ),
      );
      await ctx.audit.record({ actorType: 'therapist', actorId: me.id, action: 'history.pdf', targetId: coupleId });
      sendPdf(res, pdf, `map-comparison-${compare.to.at.slice(0, 10)}.pdf`);
    }),
  );
  return router;
}
