import { Router, type Request, type Response } from 'express';
import {
  ErrorCode,
  type AuthStateDto,
  type LoginResultDto,
  type SetupStatusDto,
  type SignOutEverywhereDto,
} from '@tandem/shared';
import {
  changePasswordBodySchema,
  loginBodySchema,
  practiceBodySchema,
  setupBodySchema,
  signInCodeBodySchema,
} from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { parseWith, readCookie, route, setCookie } from '../../lib/http.js';
import type { RequireTherapist } from '../../access/http.js';
import type { AccountService } from './account.service.js';
import type { SecondFactorService } from '../security/secondFactor.service.js';
import { hashToken } from '../../lib/tokens.js';
import { THERAPIST_COOKIE, setSignInCookie, type AuthService, type SignedIn } from './auth.service.js';

export function authRoutes(
  ctx: AppContext,
  auth: AuthService,
  account: AccountService,
  requireTherapist: RequireTherapist,
  secondFactor: SecondFactorService,
  requireManager: RequireTherapist,
): Router {
  const router = Router();
  const userAgent = (req: Request) => req.get('user-agent') ?? '';
  const signIn = (res: Response, s: SignedIn) => setSignInCookie(res, s, ctx.config.cookieSecure);
  const signInStep = (res: Response, s: SignedIn): LoginResultDto => ({ ...signIn(res, s), step: s.step });
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
    route(async (req, res) =>
      signIn(res, await auth.setup(parseWith(setupBodySchema, req.body), req.ip ?? 'unknown', userAgent(req))),
    ),
  );
  router.post(
    '/auth/login',
    route(async (req, res): Promise<LoginResultDto> =>
      signInStep(res, await auth.login(parseWith(loginBodySchema, req.body), req.ip ?? 'unknown', userAgent(req))),
    ),
  );
  // The second step: the app's code, or a recovery code (spent).
  router.post(
    '/auth/login/code',
    route(async (req, res): Promise<LoginResultDto> => {
      const { code } = parseWith(signInCodeBodySchema, req.body);
      const ip = req.ip ?? 'unknown';
      const done = await auth.completeWithCode(
        readCookie(req, THERAPIST_COOKIE),
        (therapistId) => secondFactor.check(therapistId, code, ip),
        userAgent(req),
      );
      return signInStep(res, done);
    }),
  );
  // The person is here (typing, clicking): keeps this device's sign-in from going idle. Resolving it is the touch.
  router.post(
    '/auth/activity',
    route(async (req) => {
      const me = await requireTherapist(req);
      await ctx.limits.consume('activityPerSignIn', `${me.id}:${hashToken(readCookie(req, THERAPIST_COOKIE) ?? '')}`);
      return null;
    }),
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
    route(async (req) => {
      await requireTherapist(req);
      return account.practice();
    }),
  );
  router.put(
    '/account/practice',
    route(async (req) => {
      // The practice's name is a practice setting: its owner and admins change it.
      const me = await requireManager(req);
      return account.setPractice(me.id, parseWith(practiceBodySchema, req.body));
    }),
  );
  router.get('/auth/me', route(requireTherapist));
  // The client's "who am I": signed out is an answer here (200), so a first visit logs no failed request.
  router.get(
    '/auth/session',
    route(async (req, res): Promise<AuthStateDto> => {
      const therapist = await requireTherapist(req).catch((err: unknown) => {
        if (err instanceof AppError && err.code === ErrorCode.UNAUTHENTICATED) return null;
        throw err;
      });
      if (therapist) return { therapist, needsSetup: false };
      const held = await auth.stored(readCookie(req, THERAPIST_COOKIE));
      if (held?.stage === 'code') return { therapist: null, needsSetup: false, step: 'code' };
      if (held?.stage === 'enrol') return { therapist: held.therapist, needsSetup: false, step: 'enrol' };
      if (held?.stage === 'idle') {
        // Told once: the ended sign-in is forgotten and its cookie cleared.
        await auth.forgetIdle(held.tokenHash);
        clearCookie(res);
        return { therapist: null, needsSetup: false, signedOutFor: 'idle' };
      }
      return { therapist: null, needsSetup: await auth.needsSetup() };
    }),
  );
  return router;
}
