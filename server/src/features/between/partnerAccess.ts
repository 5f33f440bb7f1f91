import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import type { PartnerPrincipal } from '../../access/principal.js';
import type { CaseLinksService, CasePrincipal } from './caseLinks.service.js';

/** What a partner's request does: each counts against that partner's own limit, all their devices together. */
export type PartnerUse = 'read' | 'write';
const LIMIT = { read: 'betweenReadsPerPartner', write: 'betweenWritesPerPartner' } as const;

export interface PartnerAccess {
  /** The partner on their personal case link (case cookie), counted against their limit. */
  onCase(req: Request, res: Response, use: PartnerUse): Promise<CasePrincipal>;
  /** The partner in a session (session cookie), counted against the same limit. */
  inSession(req: Request, use: PartnerUse): Promise<PartnerPrincipal>;
}

/** The one way a partner's between-session and safety routes take who is asking: from the credential, limited. */
export function partnerAccess(
  ctx: AppContext,
  links: CaseLinksService,
  requireGuest: (req: Request) => Promise<PartnerPrincipal>,
): PartnerAccess {
  return {
    async onCase(req, res, use) {
      const p = await links.require(req, res);
      await ctx.limits.consume(LIMIT[use], p.partnerId);
      return p;
    },
    async inSession(req, use) {
      const p = await requireGuest(req);
      await ctx.limits.consume(LIMIT[use], p.partnerId);
      return p;
    },
  };
}
