import { Router, type Request, type Response } from 'express';
import type { TherapistDto } from '@tandem/shared';
import { loginBodySchema, setupBodySchema } from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import { unauthenticated } from '../../lib/errors.js';
import { parseWith, readCookie, route, setCookie } from '../../lib/http.js';
import { THERAPIST_COOKIE, type AuthService, type SignedIn } from './auth.service.js';

/** Resolves the signed-in therapist of a request, or throws UNAUTHENTICATED. */
export type RequireTherapist = (req: Request) => Promise<TherapistDto>;

export function makeRequireTherapist(auth: AuthService): RequireTherapist {
  return async (req) => {
    const therapist = await auth.resolve(readCookie(req, THERAPIST_COOKIE));
    if (!therapist) throw unauthenticated();
    return therapist;
  };
}

export function authRoutes(ctx: AppContext, auth: AuthService, requireTherapist: RequireTherapist): Router {
  const router = Router();
  const signIn = (res: Response, s: SignedIn) => {
    setCookie(res, THERAPIST_COOKIE, s.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.cookieSecure,
      path: '/',
      expires: new Date(s.expiresAt),
    });
    return s.therapist;
  };

  router.get(
    '/setup',
    route(async () => ({ needsSetup: await auth.needsSetup() })),
  );
  router.post(
    '/setup',
    route(async (req, res) => signIn(res, await auth.setup(parseWith(setupBodySchema, req.body)))),
  );
  router.post(
    '/auth/login',
    route(async (req, res) => signIn(res, await auth.login(parseWith(loginBodySchema, req.body), req.ip ?? 'unknown'))),
  );
  router.post(
    '/auth/logout',
    route(async (req, res) => {
      await auth.logout(readCookie(req, THERAPIST_COOKIE));
      setCookie(res, THERAPIST_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 });
      return null;
    }),
  );
  router.get('/auth/me', route(requireTherapist));
  return router;
}
