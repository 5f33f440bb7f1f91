import { Router, type Request, type Response } from 'express';
import { acknowledgePolicyBodySchema, idParamSchema, setPolicyBodySchema } from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import type { RequireTherapist } from '../../access/http.js';
import { parseWith, route } from '../../lib/http.js';
import type { CaseLinksService } from '../between/caseLinks.service.js';
import type { PolicyService } from './policy.service.js';

/**
 * REST for the couple's confidentiality policy. The therapist reads the whole history and sets a new version; a
 * partner (case cookie) reads the current policy with their own acknowledgements and acknowledges it. Their id
 * comes from the credential only. (The session link acknowledges through `/join/:sessionId/acknowledge`.)
 */
export function policyRoutes(
  ctx: AppContext,
  policy: PolicyService,
  links: CaseLinksService,
  requireTherapist: RequireTherapist,
): Router {
  const router = Router();
  const therapist = async (req: Request) => {
    const me = await requireTherapist(req);
    await ctx.limits.consume('policyPerTherapist', me.id);
    return me;
  };
  const partner = async (req: Request, res: Response) => {
    const p = await links.require(req, res);
    await ctx.limits.consume('policyPerPartner', p.partnerId);
    return p;
  };
  const coupleId = (req: Request) => parseWith(idParamSchema, req.params['coupleId']);

  router.get(
    '/couples/:coupleId/policy',
    route(async (req) => policy.coupleView((await therapist(req)).id, coupleId(req))),
  );
  router.put(
    '/couples/:coupleId/policy',
    route(async (req) => {
      const me = await therapist(req);
      return policy.set(me.id, coupleId(req), parseWith(setPolicyBodySchema, req.body));
    }),
  );
  router.get(
    '/me/policy',
    route(async (req, res) => policy.mine(await partner(req, res))),
  );
  router.post(
    '/me/policy/acknowledge',
    route(async (req, res) => {
      const p = await partner(req, res);
      return policy.acknowledge(p, parseWith(acknowledgePolicyBodySchema, req.body).version, null);
    }),
  );
  return router;
}
