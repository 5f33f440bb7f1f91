import { Router, type Request } from 'express';
import type { MailStatusDto } from '@tandem/shared';
import { emailInviteBodySchema, idParamSchema } from '@tandem/shared/schemas';
import type { RequireTherapist } from '../../access/http.js';
import { parseWith, route } from '../../lib/http.js';
import type { MailService } from './mail.service.js';

/** Whether the server sends e-mail, a partner's link by e-mail, and what was e-mailed for a session. Therapist-only. */
export function mailRoutes(
  mail: MailService,
  requireTherapist: RequireTherapist,
  publicOrigin: (req: Request) => string,
): Router {
  const router = Router();
  router.get(
    '/mail',
    route(async (req): Promise<MailStatusDto> => {
      await requireTherapist(req);
      return { enabled: mail.enabled };
    }),
  );
  router.post(
    '/sessions/:id/invites/:partnerId/email',
    route(async (req) => {
      const therapist = await requireTherapist(req);
      const sessionId = parseWith(idParamSchema, req.params['id']);
      const partnerId = parseWith(idParamSchema, req.params['partnerId']);
      const { token } = parseWith(emailInviteBodySchema, req.body);
      return mail.emailInvite(therapist.id, sessionId, partnerId, token, publicOrigin(req));
    }),
  );
  router.get(
    '/sessions/:id/mail',
    route(async (req) => mail.ofSession((await requireTherapist(req)).id, parseWith(idParamSchema, req.params['id']))),
  );
  router.get(
    '/couples/:id/mail',
    route(async (req) => mail.ofCouple((await requireTherapist(req)).id, parseWith(idParamSchema, req.params['id']))),
  );
  return router;
}
