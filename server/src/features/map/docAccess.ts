/**
 * Who may open which Yjs doc: the doc name encodes its audience (shared/src/docs.ts), and the holder of the
 * connection's cookie must belong to it (never a credential in the URL: URLs end up in proxy logs). The therapist opens the docs of the couples they may see (own or shared);
 * a partner opens only their audience's docs, and only while admitted to the session they came through.
 */
import type { IncomingMessage } from 'node:http';
import { CloseCode, parseDocName, type DocRef, type PartnerSlot, type Role } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { Access } from '../../access/access.js';
import type { PartnerPrincipal } from '../../access/principal.js';
import { CollabRefusal, type CollabServer } from '../../collab/collabServer.js';
import type { SessionsTable } from '../../db/schema.js';
import { PartnersStore } from '../couples/partners.store.js';
import { workspaceDocOf } from './workspace.js';

/** Who holds a collab connection. */
export interface CollabContext {
  role: Role;
  /** The person's name as the others see it (the therapist's, or the partner's display name). */
  name: string;
  therapistId: string;
  partnerId: string | null;
  /** A partner's side of the couple's map (null for the therapist). */
  slot: PartnerSlot | null;
  /** The session a partner joined through (null for the therapist, who may open their docs any time). */
  sessionId: string | null;
  coupleId: string;
  docName: string;
  /** The hash of the credential the connection was opened with (sign-in cookie or device grant); its end closes it. */
  credentialHash: string | null;
  /** A partner's device (null for the therapist). */
  deviceId: string | null;
  /** When that credential expires (epoch ms). */
  expiresAt: number;
  /** Reads and writes nothing: a supervisor (who sees the couple only by supervising its sessions). */
  readOnly?: boolean;
}

const forbidden = () => new CollabRefusal(CloseCode.FORBIDDEN, 'You do not have access to this document.');

export class DocAccess {
  private readonly partners: PartnersStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly access: Access,
  ) {
    this.partners = new PartnersStore(ctx.db);
  }

  /** Credentials come from the cookies only (never the URL, which ends up in proxy logs). */
  async authorize(req: IncomingMessage, name: string, params: URLSearchParams): Promise<CollabContext> {
    const ref = parseDocName(name);
    const p = await this.access.principalOf(req, params.get('session'));
    if (p.kind === 'nobody') throw new CollabRefusal(CloseCode.UNAUTHORIZED, 'Sign in or open your invite link.');
    const therapist = p.kind === 'therapist' ? p : null;
    const guest = p.kind === 'partner' ? p : null;
    if (!ref) throw forbidden();

    const coupleId = await this.coupleOf(ref);
    if (!coupleId) throw forbidden();
    if (therapist) {
      // The couple's clinician or one it is shared with, while active and clinical (the one access module decides).
      if (await this.access.can(therapist, 'couple.manage', { kind: 'couple', coupleId })) {
        return {
          role: 'therapist',
          name: therapist.name,
          therapistId: therapist.therapistId,
          partnerId: null,
          slot: null,
          sessionId: null,
          coupleId,
          docName: name,
          credentialHash: therapist.credential.tokenHash,
          deviceId: null,
          expiresAt: therapist.credential.expiresAt,
          readOnly: await this.access.scope.supervisesOnly(therapist.therapistId, coupleId),
        };
      }
    }
    const partner = guest && guest.coupleId === coupleId ? await this.partnerMayOpen(guest, ref, name) : null;
    if (guest && partner) {
      return {
        role: 'partner',
        name: partner.name,
        therapistId: guest.therapistId,
        partnerId: guest.partnerId,
        slot: partner.slot,
        sessionId: guest.sessionId,
        coupleId,
        docName: name,
        credentialHash: guest.credential.grantHash,
        deviceId: guest.deviceId,
        expiresAt: guest.credential.expiresAt,
      };
    }
    throw forbidden();
  }

  /**
   * After a couple was transferred or a share withdrawn: the clinicians with its docs open who may no longer see it
   * are disconnected from them at once (FORBIDDEN), not only refused the next time they connect.
   */
  async closeLost(collab: CollabServer<CollabContext>, coupleId: string): Promise<void> {
    const holders = new Set(
      collab
        .contexts()
        .filter((c) => c.role === 'therapist' && c.coupleId === coupleId)
        .map((c) => c.therapistId),
    );
    const lost = new Set<string>();
    for (const id of holders) if ((await this.access.scope.couple(id, coupleId)) === 'none') lost.add(id);
    if (lost.size === 0) return;
    collab.disconnectWhere(
      (c) => c.role === 'therapist' && c.coupleId === coupleId && lost.has(c.therapistId),
      CloseCode.FORBIDDEN,
      'You no longer have access to this couple.',
    );
  }

  /** The couple a doc belongs to, or null when it names nothing that exists. */
  private async coupleOf(ref: DocRef): Promise<string | null> {
    switch (ref.kind) {
      case 'map': {
        const row = await this.ctx.db.selectFrom('couples').select('id').where('id', '=', ref.id).executeTakeFirst();
        return row?.id ?? null;
      }
      case 'board':
      case 'panel': {
        return (await this.partners.owner(ref.id))?.coupleId ?? null;
      }
      case 'notes': {
        const row = await this.ctx.db
          .selectFrom('sessions')
          .select('couple_id')
          .where('id', '=', ref.id)
          .executeTakeFirst();
        return row?.couple_id ?? null;
      }
    }
  }

  /** The partner's slot and display name when they may open this doc, else null. */
  private async partnerMayOpen(
    guest: PartnerPrincipal,
    ref: DocRef,
    name: string,
  ): Promise<{ slot: PartnerSlot; name: string } | null> {
    if (ref.kind === 'notes') return null; // the therapist's notes: never a partner
    // Only a device the therapist admitted, in a session that has not ended.
    if (!(await this.access.can(guest, 'session.take-part', { kind: 'session', sessionId: guest.sessionId }))) {
      return null;
    }
    const session = await this.ctx.db
      .selectFrom('sessions')
      .innerJoin('partners', 'partners.couple_id', 'sessions.couple_id')
      .select(['sessions.kind', 'sessions.couple_id', 'sessions.partner_id', 'partners.slot', 'partners.display_name'])
      .where('sessions.id', '=', guest.sessionId)
      .where('partners.id', '=', guest.partnerId)
      .executeTakeFirst();
    if (!session) return null;
    const mayOpen =
      ref.kind === 'panel'
        ? ref.id === guest.partnerId
        : workspaceDocOf(session as Pick<SessionsTable, 'kind' | 'couple_id' | 'partner_id'>) === name;
    return mayOpen ? { slot: session.slot, name: session.display_name } : null;
  }
}
