import { Router, type Response } from 'express';
import { ErrorCode, type AuthStateDto, type SetupStatusDto, type SignOutEverywhereDto } from '@tandem/shared';
import { changePasswordBodySchema, loginBodySchema, practiceBodySchema, setupBodySchema } from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { parseWith, readCookie, route, setCookie } from '../../lib/http.js';
import type { RequireTherapist } from '../../access/http.js';
import type { AccountService } from './account.service.js';
import { THERAPIST_COOKIE, type AuthService, type SignedIn } from './auth.service.js';

export function authRoutes(
  ctx: AppContext,
  auth: AuthService,
  account: AccountService,
  requireTherapist: RequireTherapist,
): Router {
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
  const clearCookie = (res: Response) =>
    setCookie(res, THERAPIST_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 });

  router.get(
    '/setup',
    route(async (): Promise<SetupStatusDto> => {
      const needsSetup = await auth.needsSetup();
      return { needsSetup, needsToken: needsSetup };
    }),
  );
  router.post(
    '/setup',
    route(async (req, res) => signIn(res, await auth.setup(parseWith(setupBodySchema, req.body), req.ip ?? 'unknown'))),
  );
  router.post(
    '/auth/login',
    route(async (req, res) => signIn(res, await auth.login(parseWith(loginBodySchema, req.body), req.ip ?? 'unknown'))),
  );
  router.post(
    '/auth/logout',
    route(async (req, res) => {
      await auth.logout(readCookie(req, THERAPIST_COOKIE));
      clearCookie(res);
      return null;
    }),
  );
  router.post(
    '/auth/sign-out-everywhere',
    route(async (req, res): Promise<SignOutEverywhereDto> => {
      const me = await requireTherapist(req);
      const ended = await account.signOutEverywhere(me.id);
      clearCookie(res);
      return { ended };
    }),
  );
  router.post(
    '/auth/password',
    route(async (req) => {
      const me = await requireTherapist(req);
      const body = parseWith(changePasswordBodySchema, req.body);
      return account.changePassword(me, readCookie(req, THERAPIST_COOKIE) ?? '', body);
    }),
  );
  router.get(
    '/account/practice',
    route(async (req) => account.practice((await requireTherapist(req)).id)),
  );
  router.put(
    '/account/practice',
    route(async (req) => {
      const me = await requireTherapist(req);
      return account.setPractice(me.id, parseWith(practiceBodySchema, req.body));
    }),
  );
  router.get('/auth/me', route(requireTherapist));
  // The client's "who am I": signed out is an answer here (200), so a first visit logs no failed request.
  router.get(
    '/auth/session',
    route(async (req): Promise<AuthStateDto> => {
      const therapist = await requireTherapist(req).catch((err: unknown) => {
        if (err instanceof AppError && err.code === ErrorCode.UNAUTHENTICATED) return null;
        throw err;
      });
      return { therapist, needsSetup: therapist ? false : await auth.needsSetup() };
    }),
  );
  return router;
}
