import { Router, type Request } from 'express';
import { acknowledgePolicyBodySchema, redeemBodySchema } from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import type { PartnerPrincipal } from '../../access/principal.js';
import { parseWith, readCookie, route, setCookie } from '../../lib/http.js';
import { guestCookieName, type JoinService } from './join.service.js';

export function joinRoutes(
  ctx: AppContext,
  join: JoinService,
  requireGuest: (req: Request) => Promise<PartnerPrincipal>,
): Router {
  const router = Router();

  router.post(
    '/join/redeem',
    route(async (req, res) => {
      const { token } = parseWith(redeemBodySchema, req.body);
      const grant = await join.redeem(token, req.ip ?? 'unknown', (sessionId) =>
        readCookie(req, guestCookieName(sessionId)),
      );
      if (grant.grantToken === null) return { sessionId: grant.sessionId };
      setCookie(res, guestCookieName(grant.sessionId), grant.grantToken, {
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.cookieSecure,
        path: '/',
        expires: new Date(grant.expiresAt),
      });
      return { sessionId: grant.sessionId };
    }),
  );

  router.get(
    '/join/:sessionId',
    route(async (req) => join.info(await requireGuest(req))),
  );

  router.post(
    '/join/:sessionId/acknowledge',
    route(async (req) => {
      const guest = await requireGuest(req);
      await ctx.limits.consume('policyPerPartner', guest.partnerId);
      return join.acknowledgePolicy(guest, parseWith(acknowledgePolicyBodySchema, req.body).version);
    }),
  );

  return router;
}
