import { Router, type Request } from 'express';
import { idParamSchema, redeemBodySchema } from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import { unauthenticated } from '../../lib/errors.js';
import { parseWith, readCookie, route, setCookie } from '../../lib/http.js';
import { guestCookieName, type GuestIdentity, type JoinService } from './join.service.js';

export function joinRoutes(ctx: AppContext, join: JoinService): Router {
  const router = Router();
  const requireGuest = async (req: Request): Promise<GuestIdentity> => {
    const sessionId = parseWith(idParamSchema, req.params['sessionId']);
    const guest = await join.resolve(sessionId, readCookie(req, guestCookieName(sessionId)));
    if (!guest) throw unauthenticated('Open the link your therapist sent you.');
    return guest;
  };

  router.post(
    '/join/redeem',
    route(async (req, res) => {
      const { token } = parseWith(redeemBodySchema, req.body);
      const grant = await join.redeem(token, req.ip ?? 'unknown');
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
    route(async (req) => join.acknowledgePolicy(await requireGuest(req))),
  );
  return router;
}
