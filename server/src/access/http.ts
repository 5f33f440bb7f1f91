import type { Request } from 'express';
import type { TherapistDto } from '@tandem/shared';
import { idParamSchema } from '@tandem/shared/schemas';
import { parseWith, readCookie } from '../lib/http.js';
import { unauthenticated } from '../lib/errors.js';
import type { Access } from './access.js';
import { guestCookieName, type PartnerPrincipal } from './principal.js';

/** Resolves the signed-in therapist of a request, or throws UNAUTHENTICATED. */
export type RequireTherapist = (req: Request) => Promise<TherapistDto>;

/** REST: the signed-in therapist of a request, or UNAUTHENTICATED. */
export function makeRequireTherapist(access: Access): RequireTherapist {
  return async (req) => {
    const p = await access.principalOf(req);
    if (p.kind !== 'therapist') throw unauthenticated();
    return { id: p.therapistId, name: p.name, email: p.email };
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
