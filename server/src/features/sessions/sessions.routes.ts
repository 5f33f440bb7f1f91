import { Router, type Request } from 'express';
import {
  createSessionBodySchema,
  idParamSchema,
  issueInviteBodySchema,
  updateSessionBodySchema,
} from '@tandem/shared/schemas';
import { parseWith, route } from '../../lib/http.js';
import type { RequireTherapist } from '../../access/http.js';
import type { LobbyService } from '../lobby/lobby.service.js';
import type { SessionsService } from './sessions.service.js';
import type { MailService } from '../mail/mail.service.js';
import type { RateLimits } from '../../lib/rateLimit.js';

export function sessionsRoutes(
  sessions: SessionsService,
  lobby: LobbyService,
  requireTherapist: RequireTherapist,
  publicOrigin: (req: Request) => string,
  mail: MailService,
  limits: RateLimits,
): Router {
  const router = Router();
  /** The signed-in therapist, counted against their budget for session reads and writes. */
  const counted = async (req: Request) => {
    const therapist = await requireTherapist(req);
    await limits.consume('sessionsPerTherapist', therapist.id);
    return therapist;
  };
  const ids = (req: Request) => ({
    sessionId: parseWith(idParamSchema, req.params['id']),
    partnerId: parseWith(idParamSchema, req.params['partnerId']),
  });

  router.post(
    '/sessions',
    route(async (req) => {
      const therapist = await counted(req);
      const body = parseWith(createSessionBodySchema, req.body);
      // Refused before anything is created when the server sends no e-mail.
      if (body.emailInvites) mail.assertEnabled();
      const created = await sessions.create(therapist.id, body, publicOrigin(req));
      if (!body.emailInvites) return created;
      return { ...created, emailed: await mail.emailCreated(therapist.id, created.session.id, created.invites) };
    }),
  );
  router.get(
    '/sessions/:id',
    route(async (req) => sessions.get((await counted(req)).id, parseWith(idParamSchema, req.params['id']))),
  );
  router.patch(
    '/sessions/:id',
    route(async (req) => {
      const therapist = await counted(req);
      const sessionId = parseWith(idParamSchema, req.params['id']);
      return sessions.update(therapist.id, sessionId, parseWith(updateSessionBodySchema, req.body));
    }),
  );
  router.post(
    '/sessions/:id/invites/:partnerId',
    route(async (req) => {
      const { sessionId, partnerId } = ids(req);
      const therapist = await counted(req);
      const options = parseWith(issueInviteBodySchema, req.body ?? {});
      return sessions.issueInvite(therapist.id, sessionId, partnerId, publicOrigin(req), options);
    }),
  );
  router.delete(
    '/sessions/:id/invites/:partnerId',
    route(async (req) => {
      const { sessionId, partnerId } = ids(req);
      const therapist = await counted(req);
      // Revoking announces the end of that partner's devices; their sockets and /collab connections close.
      return sessions.revokeInvite(therapist.id, sessionId, partnerId);
    }),
  );
  router.post(
    '/sessions/:id/end',
    route(async (req) => {
      const therapist = await counted(req);
      const sessionId = parseWith(idParamSchema, req.params['id']);
      await lobby.endSession(therapist.id, sessionId);
      return sessions.get(therapist.id, sessionId);
    }),
  );
  return router;
}
