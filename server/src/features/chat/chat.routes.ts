import { Router, type Request } from 'express';
import { ErrorCode } from '@tandem/shared';
import { idParamSchema } from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import type { Access } from '../../access/access.js';
import type { PartnerPrincipal } from '../../access/principal.js';
import { AppError } from '../../lib/errors.js';
import { parseWith, readCookie, route, setCookie } from '../../lib/http.js';
import type { RequireTherapist } from '../../access/http.js';
import { guestCookieName, type JoinService } from '../join/join.service.js';
import type { LobbyService } from '../lobby/lobby.service.js';
import type { ChatService } from './chat.service.js';

/** REST reads of a private line check its audience like the socket does. */
export function chatRoutes(
  ctx: AppContext,
  chat: ChatService,
  lobby: LobbyService,
  join: JoinService,
  requireTherapist: RequireTherapist,
  access: Access,
  requireGuest: (req: Request) => Promise<PartnerPrincipal>,
): Router {
  const router = Router();

  router.get(
    '/partners/:partnerId/chat',
    route(async (req) => {
      const therapist = await requireTherapist(req);
      const partnerId = parseWith(idParamSchema, req.params['partnerId']);
      return chat.history(
        { role: 'therapist', therapistId: therapist.id, partnerId: null, sessionId: null },
        partnerId,
      );
    }),
  );
  router.get(
    '/join/:sessionId/chat',
    route(async (req) => {
      const guest = await requireGuest(req);
      await access.assert(guest, 'audience.use', { kind: 'partner-audience', partnerId: guest.partnerId });
      return chat.history(
        { role: 'partner', therapistId: guest.therapistId, partnerId: guest.partnerId, sessionId: guest.sessionId },
        guest.partnerId,
      );
    }),
  );
  /** Quick exit without a socket (e.g. sent with `keepalive` as the page goes away); also drops the cookie. */
  router.post(
    '/join/:sessionId/quick-exit',
    route(async (req, res) => {
      const sessionId = parseWith(idParamSchema, req.params['sessionId']);
      setCookie(res, guestCookieName(sessionId), '', {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        maxAge: 0,
        secure: ctx.config.cookieSecure,
      });
      const guest = await join.resolve(sessionId, readCookie(req, guestCookieName(sessionId)));
      if (!guest) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Already left.');
      await lobby.quickExit(guest.sessionId, guest.partnerId);
      return null;
    }),
  );
  return router;
}
