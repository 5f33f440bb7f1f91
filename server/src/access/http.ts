import type { Request } from 'express';
import type { TherapistDto } from '@tandem/shared';
import { idParamSchema } from '@tandem/shared/schemas';
import { parse as parseCookies } from 'cookie';
import { parseWith, readCookie } from '../lib/http.js';
import { forbidden, unauthenticated } from '../lib/errors.js';
import type { Access } from './access.js';
import { THERAPIST_COOKIE, guestCookieName, type PartnerPrincipal, type TherapistPrincipal } from './principal.js';

/** Resolves the signed-in therapist of a request, or throws UNAUTHENTICATED. */
export type RequireTherapist = (req: Request) => Promise<TherapistDto>;

/** REST: the signed-in therapist of a request, or UNAUTHENTICATED. */
export function makeRequireTherapist(access: Access): RequireTherapist {
  return async (req) => {
    const p = await access.principalOf(req);
    if (p.kind !== 'therapist') throw unauthenticated();
    const staff = await access.scope.staff(p.therapistId);
    return { id: p.therapistId, name: p.name, email: p.email, role: staff?.role, clinical: staff?.clinical ?? false };
  };
}

/**
 * REST, the second-factor enrolment routes: the signed-in therapist, or one whose sign-in waits for them to enrol
 * (the practice requires a second factor and they have none yet).
 */
export function makeRequireEnrolling(access: Access): RequireTherapist {
  return async (req) => {
    const p = await access.principalOf(req);
    if (p.kind === 'therapist') return { id: p.therapistId, name: p.name, email: p.email };
    const held = await access.principals.enrolling(readCookie(req, THERAPIST_COOKIE));
    if (!held) throw unauthenticated();
    return { id: held.therapistId, name: held.name, email: held.email };
  };
}

/** The signed-in therapist of a REST request as the access module's principal (its rules read only the id). */
export function asPrincipal(me: TherapistDto): TherapistPrincipal {
  return {
    kind: 'therapist',
    therapistId: me.id,
    name: me.name,
    email: me.email,
    credential: { tokenHash: '', expiresAt: 0 },
  };
}

/** REST, the practice's settings and audit log: its owner (FORBIDDEN for another therapist). */
export function makeRequireOwner(
  access: Access,
  requireTherapist: RequireTherapist,
  action: 'practice.administer' | 'practice.manage' = 'practice.administer',
): RequireTherapist {
  return async (req) => {
    const me = await requireTherapist(req);
    await access.assert(asPrincipal(me), action, { kind: 'practice' });
    return me;
  };
}

/**
 * REST: the partner device of a `/join/:sessionId/...` request, which may connect to that session
 * (UNAUTHENTICATED without a valid cookie, SESSION_ENDED once it ended).
 */
export function makeRequireGuest(access: Access): (req: Request) => Promise<PartnerPrincipal> {
  return async (req) => {
    const sessionId = parseWith(idParamSchema, req.params['sessionId']);
    // These routes are a partner's own: the guest cookie speaks, whatever other cookie the browser holds.
    const p = await access.principals.partner(sessionId, readCookie(req, guestCookieName(sessionId)));
    if (!p) throw unauthenticated('Open the link your therapist sent you.');
    await access.assert(p, 'session.connect', { kind: 'session', sessionId });
    return p;
  };
}

const GUEST_COOKIE_PREFIX = guestCookieName('');
/** At most this many guest cookies of one request are looked at (a browser holds one per session joined). */
const MAX_GUEST_COOKIES = 8;

/** Whether the request carries a partner device's cookie that still stands, for any session. */
async function holdsPartnerCookie(access: Access, req: Request): Promise<boolean> {
  const header = req.headers.cookie;
  if (!header) return false;
  const guests = Object.entries(parseCookies(header))
    .filter(([name]) => name.startsWith(GUEST_COOKIE_PREFIX))
    .slice(0, MAX_GUEST_COOKIES);
  for (const [name, value] of guests) {
    if (await access.principals.partner(name.slice(GUEST_COOKIE_PREFIX.length), value)) return true;
  }
  return false;
}

/**
 * REST, therapist-only routes (the record, the progress note, preparing summaries): the signed-in therapist. A
 * partner's device is known and this is not for it: FORBIDDEN, never "sign in"; anyone else UNAUTHENTICATED.
 */
export function makeRequireTherapistOnly(access: Access): RequireTherapist {
  return async (req) => {
    const p = await access.principalOf(req);
    if (p.kind === 'therapist') return { id: p.therapistId, name: p.name, email: p.email };
    if (await holdsPartnerCookie(access, req)) throw forbidden('This is for the therapist only.');
    throw unauthenticated();
  };
}

/**
 * REST: the partner device of a `/join/:sessionId/summaries...` request, to read what their therapist released to
 * them: a device whose cookie still stands, before, during or after the session; a declined device is FORBIDDEN.
 */
export function makeRequireSummaryReader(access: Access): (req: Request) => Promise<PartnerPrincipal> {
  return async (req) => {
    const sessionId = parseWith(idParamSchema, req.params['sessionId']);
    const p = await access.principals.partner(sessionId, readCookie(req, guestCookieName(sessionId)));
    if (!p) throw unauthenticated('Open the link your therapist sent you.');
    const device = await access.principals.grants.device(p.credential.grantHash);
    if (device?.admission === 'declined') throw forbidden('This device was not let in to the session.');
    return p;
  };
}
