import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { route } from '../../lib/http.js';
import type { CaseLinksService } from '../between/caseLinks.service.js';
import type { PartnerExportService } from './partnerExport.js';

/** `GET /api/me/export`: the partner's own data as a JSON download (case cookie; rate limited per partner). */
export function partnerExportRoutes(ctx: AppContext, exports: PartnerExportService, links: CaseLinksService): Router {
  const router = Router();
  router.get(
    '/me/export',
    route(async (req, res) => {
      const p = await links.require(req, res);
      await ctx.limits.consume('exportPerPartner', p.partnerId);
      const body = Buffer.from(JSON.stringify(await exports.build(p), null, 2), 'utf8');
      res.status(200);
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="tandem-my-data-${new Date(ctx.clock.now()).toISOString().slice(0, 10)}.json"`,
      );
      res.setHeader('Cache-Control', 'no-store');
      res.end(body);
    }),
  );
  return router;
}
