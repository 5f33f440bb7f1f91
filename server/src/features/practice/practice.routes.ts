import { Router, type Request } from 'express';
import type { StaffInviteLookupDto, TherapistDto } from '@tandem/shared';
import {
  acceptStaffInviteBodySchema,
  addSessionClinicianBodySchema,
  supervisionConsentBodySchema,
  coupleSharesBodySchema,
  createStaffInviteBodySchema,
  deactivatePersonBodySchema,
  idParamSchema,
  practiceSettingsBodySchema,
  staffInviteLookupQuerySchema,
  transferCoupleBodySchema,
  updatePersonBodySchema,
} from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import { parseWith, route } from '../../lib/http.js';
import { asPrincipal, type RequireTherapist } from '../../access/http.js';
import { setSignInCookie, type AuthService } from '../auth/auth.service.js';
import type { PeopleService } from './people.service.js';
import type { InvitesService } from './invites.service.js';
import type { CareService } from './care.service.js';
import type { CotherapyService } from './cotherapy.service.js';

export interface PracticeRouteDeps {
  people: PeopleService;
  invites: InvitesService;
  care: CareService;
  cotherapy: CotherapyService;
  auth: AuthService;
  requireTherapist: RequireTherapist;
  /** The practice's owner or an admin (FORBIDDEN for a clinician). */
  requireManager: RequireTherapist;
  publicOrigin: (req: Request) => string;
}

/** The practice's settings, people and invites (owner and admins), sign-up by invite, a couple's care. */
export function practiceRoutes(ctx: AppContext, d: PracticeRouteDeps): Router {
  const router = Router();
  const ip = (req: Request) => req.ip ?? 'unknown';
  const id = (req: Request) => parseWith(idParamSchema, req.params['id']);

  router.get(
    '/practice/settings',
    route(async (req) => {
      await d.requireTherapist(req);
      return d.people.settings();
    }),
  );
  router.put(
    '/practice/settings',
    route(async (req) => {
      const me = await d.requireManager(req);
      return d.people.setSettings(me.id, parseWith(practiceSettingsBodySchema, req.body));
    }),
  );
  router.get(
    '/practice/people',
    route(async (req) => d.people.list((await d.requireManager(req)).id)),
  );
  router.patch(
    '/practice/people/:id',
    route(async (req) => {
      const me = await d.requireManager(req);
      return d.people.update(me.id, id(req), parseWith(updatePersonBodySchema, req.body));
    }),
  );
  router.post(
    '/practice/people/:id/deactivate',
    route(async (req) => {
      const me = await d.requireManager(req);
      return d.people.deactivate(me.id, id(req), parseWith(deactivatePersonBodySchema, req.body).reassignTo);
    }),
  );
  router.post(
    '/practice/invites',
    route(async (req) => {
      const me = await d.requireManager(req);
      return d.invites.create(me, parseWith(createStaffInviteBodySchema, req.body), d.publicOrigin(req));
    }),
  );
  router.delete(
    '/practice/invites/:id',
    route(async (req) => {
      const me = await d.requireManager(req);
      await d.invites.revoke(me.id, id(req));
      return { revoked: true };
    }),
  );
  // The sign-up page: the token travels in a body, never a URL (URLs end up in logs).
  router.post(
    '/practice/invites/lookup',
    route(async (req): Promise<StaffInviteLookupDto> =>
      d.invites.lookup(parseWith(staffInviteLookupQuerySchema, req.body).token, ip(req)),
    ),
  );
  router.post(
    '/practice/invites/accept',
    route(async (req, res): Promise<TherapistDto & { step: string }> => {
      const body = parseWith(acceptStaffInviteBodySchema, req.body);
      const created = await d.invites.accept(body, ip(req));
      const signedIn = await d.auth.signedUp(created, req.get('user-agent') ?? '');
      return { ...setSignInCookie(res, signedIn, ctx.config.cookieSecure), ...created, step: signedIn.step };
    }),
  );

  router.get(
    '/couples/:id/care',
    route(async (req) => d.care.care(asPrincipal(await d.requireTherapist(req)), id(req))),
  );
  router.post(
    '/couples/:id/transfer',
    route(async (req) => {
      const me = asPrincipal(await d.requireTherapist(req));
      return d.care.transfer(me, id(req), parseWith(transferCoupleBodySchema, req.body).clinicianId);
    }),
  );
  router.put(
    '/couples/:id/shares',
    route(async (req) => {
      const me = asPrincipal(await d.requireTherapist(req));
      return d.care.setShares(me, id(req), parseWith(coupleSharesBodySchema, req.body).clinicianIds);
    }),
  );
  router.put(
    '/couples/:id/supervision',
    route(async (req) => {
      const me = asPrincipal(await d.requireTherapist(req));
      return d.cotherapy.setConsent(me, id(req), parseWith(supervisionConsentBodySchema, req.body).consent);
    }),
  );
  router.get(
    '/sessions/:id/clinicians',
    route(async (req) => d.cotherapy.list(asPrincipal(await d.requireTherapist(req)), id(req))),
  );
  router.post(
    '/sessions/:id/clinicians',
    route(async (req) => {
      const me = asPrincipal(await d.requireTherapist(req));
      return d.cotherapy.add(me, id(req), parseWith(addSessionClinicianBodySchema, req.body));
    }),
  );
  router.delete(
    '/sessions/:id/clinicians/:clinicianId',
    route(async (req) => {
      const me = asPrincipal(await d.requireTherapist(req));
      return d.cotherapy.remove(me, id(req), parseWith(idParamSchema, req.params['clinicianId']));
    }),
  );
  return router;
}
