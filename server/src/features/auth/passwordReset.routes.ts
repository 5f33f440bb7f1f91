/** Password reset (issue 16): "Forgot password", using a link, and links the owner or an admin issues by hand. */
import { Router, type Request } from 'express';
import type { ForgotPasswordDto, ResetLinkDto } from '@tandem/shared';
import { forgotPasswordBodySchema, idParamSchema, resetPasswordBodySchema } from '@tandem/shared/schemas';
import type { RequireTherapist } from '../../access/http.js';
import { parseWith, route } from '../../lib/http.js';
import type { PasswordResetService } from './passwordReset.service.js';

export function passwordResetRoutes(
  resets: PasswordResetService,
  requireManager: RequireTherapist,
  publicOrigin: (req: Request) => string,
): Router {
  const router = Router();
  router.post(
    '/auth/password-reset',
    route(async (req): Promise<ForgotPasswordDto> =>
      resets.request(parseWith(forgotPasswordBodySchema, req.body), req.ip ?? 'unknown', publicOrigin(req)),
    ),
  );
  router.post(
    '/auth/password-reset/complete',
    route(async (req) => resets.complete(parseWith(resetPasswordBodySchema, req.body), req.ip ?? 'unknown')),
  );
  router.post(
    '/practice/accounts/:id/reset-link',
    route(async (req): Promise<ResetLinkDto> => {
      const me = await requireManager(req);
      return resets.issueByManager(me.id, parseWith(idParamSchema, req.params['id']), publicOrigin(req));
    }),
  );
  return router;
}
