import { Router, type Request } from 'express';
import {
  caseStatusBodySchema,
  idParamSchema,
  maintenanceContentSchema,
  maintenancePartBodySchema,
  planVersionParamSchema,
} from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import type { RequireTherapist } from '../../access/http.js';
import type { PartnerAccess } from '../between/partnerAccess.js';
import { parseWith, route } from '../../lib/http.js';
import type { FollowUpService } from './followup.service.js';
import type { OwnChartsService } from './ownCharts.service.js';

/**
 * The therapist: the case's ending (status, maintenance plan and its versions, booster flags). Therapist-only,
 * validated, rate limited per therapist; every write audited by the service and every read here.
 */
export function followUpTherapistRoutes(
  ctx: AppContext,
  followUp: FollowUpService,
  requireTherapist: RequireTherapist,
): Router {
  const router = Router();
  const therapist = async (req: Request) => {
    const me = await requireTherapist(req);
    await ctx.limits.consume('betweenPerTherapist', me.id);
    return { me: me.id, couple: parseWith(idParamSchema, req.params['id']) };
  };
  router.get(
    '/couples/:id/follow-up',
    route(async (req) => {
      const { me, couple } = await therapist(req);
      const dto = await followUp.view(me, couple);
      await ctx.audit.record({ actorType: 'therapist', actorId: me, action: 'follow_up.view', targetId: couple });
      return dto;
    }),
  );
  router.put(
    '/couples/:id/case-status',
    route(async (req) => {
      const { me, couple } = await therapist(req);
      return followUp.setStatus(me, couple, parseWith(caseStatusBodySchema, req.body).status);
    }),
  );
  router.put(
    '/couples/:id/maintenance',
    route(async (req) => {
      const { me, couple } = await therapist(req);
      return followUp.savePlan(me, couple, parseWith(maintenanceContentSchema, req.body));
    }),
  );
  router.get(
    '/couples/:id/maintenance/versions/:version',
    route(async (req) => {
      const { me, couple } = await therapist(req);
      return followUp.version(me, couple, parseWith(planVersionParamSchema, req.params['version']));
    }),
  );
  return router;
}

/** The partner, through the case cookie: their own charts, the case's follow-up and their part of the plan. */
export function followUpPartnerRoutes(
  ctx: AppContext,
  followUp: FollowUpService,
  charts: OwnChartsService,
  partners: PartnerAccess,
): Router {
  const router = Router();
  router.get(
    '/me/charts',
    route(async (req, res) => charts.charts(await partners.onCase(req, res, 'read'))),
  );
  router.get(
    '/me/follow-up',
    route(async (req, res) => followUp.forPartner(await partners.onCase(req, res, 'read'))),
  );
  router.put(
    '/me/maintenance/mine',
    route(async (req, res) => {
      const p = await partners.onCase(req, res, 'write');
      return followUp.savePart(p, parseWith(maintenancePartBodySchema, req.body));
    }),
  );
  return router;
}
