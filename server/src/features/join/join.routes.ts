import { Router, type Request } from 'express';
import { idParamSchema, redeemBodySchema } from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import { ErrorCode } from '@tandem/shared';
import { AppError, unauthenticated } from '../../lib/errors.js';
import { parseWith, readCookie, route, setCookie } from '../../lib/http.js';
import { guestCookieName, type GuestIdentity, type JoinService } from './join.service.js';

export function joinRoutes(ctx: AppContext, join: JoinService): Router {
  const router = Router();
  const requireGuest = async (req: Request): Promise<GuestIdentity> => {
    const sessionId = parseWith(idParamSchema, req.params['sessionId']);
    const found = await join.resolveWithStatus(sessionId, readCookie(req, guestCookieName(sessionId)));
    if (!found) throw unauthenticated('Open the link your therapist sent you.');
    if (found.status === 'ended') throw new AppError(ErrorCode.SESSION_ENDED, 'This session has ended.');
    return found.identity;
  };

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
    route(async (req) => join.acknowledgePolicy(await requireGuest(req))),
  );
  return router;
}
