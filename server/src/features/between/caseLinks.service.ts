/**
 * The personal case link (issue 14): one live link per partner for the couple's case, issued (or re-issued, which
 * revokes the old one and every device it opened) and revoked by the therapist. Opening it on a device trades the
 * token for a cookie (`case_grants`, the hash only) that lasts `CASE_GRANT_TTL_DAYS` after its last use. A link
 * can be opened on several devices until it is revoked (each gets its own cookie); redemptions are rate limited.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { CASE_GRANT_TTL_DAYS, ErrorCode, type CaseLinkDto, type IssuedCaseLinkDto } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { toIso } from '../../lib/clock.js';
import { AppError, notFound, unauthenticated } from '../../lib/errors.js';
import { readCookie, setCookie } from '../../lib/http.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { CouplesService } from '../couples/couples.service.js';

export const CASE_COOKIE = 'tandem_case';
/** The cookie goes only to the partner's own API: nothing else of the app ever carries it. */
export const CASE_COOKIE_PATH = '/api/me';
const TTL_MS = CASE_GRANT_TTL_DAYS * 86_400_000;
/** A cookie's expiry moves forward at most once an hour (not a write on every read). */
const SLIDE_STEP_MS = 60 * 60_000;
const MAX_TOKEN_CHARS = 100;

/** A partner's device, through their case link's cookie. */
export interface CasePrincipal {
  kind: 'case';
  partnerId: string;
  coupleId: string;
  therapistId: string;
  linkId: string;
  grantHash: string;
  expiresAt: number;
}

const linkGone = () =>
  new AppError(ErrorCode.INVITE_INVALID, 'This link no longer works. Ask your therapist for a new one.');

export class CaseLinksService {
  constructor(
    private readonly ctx: AppContext,
    private readonly couples: CouplesService,
  ) {}

  /** Each partner's link state (never a token). */
  async list(therapistId: string, coupleId: string): Promise<CaseLinkDto[]> {
    const couple = await this.couples.get(therapistId, coupleId);
    const now = this.ctx.clock.now();
    const links = await this.ctx.db
      .selectFrom('case_links')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .orderBy('created_at', 'desc')
      .execute();
    const out: CaseLinkDto[] = [];
    for (const p of couple.partners) {
      const link = links.find((l) => l.partner_id === p.id);
      let devices = 0;
      if (link && link.revoked_at === null) {
        const grants = await this.ctx.db
          .selectFrom('case_grants')
          .select('token_hash')
          .where('link_id', '=', link.id)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', now)
          .execute();
        devices = grants.length;
      }
      out.push({
        partnerId: p.id,
        state: !link ? 'none' : link.revoked_at === null ? 'active' : 'revoked',
        issuedAt: link ? toIso(Number(link.created_at)) : null,
        revokedAt: link?.revoked_at == null ? null : toIso(Number(link.revoked_at)),
        devices,
      });
    }
    return out;
  }

  /** A new link for the partner; the old one and its devices stop working. The URL is shown this once. */
  async issue(therapistId: string, coupleId: string, partnerId: string, origin: string): Promise<IssuedCaseLinkDto> {
    await this.requirePartner(therapistId, coupleId, partnerId);
    const now = this.ctx.clock.now();
    const token = newToken();
    const id = randomUUID();
    const replaced = await this.ctx.db.transaction().execute(async (trx) => {
      const revoked = await this.revokeIn(trx, partnerId, now);
      await trx
        .insertInto('case_links')
        .values({
          id,
          couple_id: coupleId,
          partner_id: partnerId,
          token_hash: hashToken(token),
          created_at: now,
          revoked_at: null,
        })
        .execute();
      return revoked;
    });
    await this.auditRevoked(therapistId, replaced);
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'case_link.issue',
      targetId: id,
    });
    return { partnerId, url: `${origin}/me/open#${token}`, issuedAt: toIso(now) ?? '' };
  }

  async revoke(therapistId: string, coupleId: string, partnerId: string): Promise<CaseLinkDto[]> {
    await this.requirePartner(therapistId, coupleId, partnerId);
    const now = this.ctx.clock.now();
    const revoked = await this.ctx.db.transaction().execute((trx) => this.revokeIn(trx, partnerId, now));
    if (revoked.length === 0) throw new AppError(ErrorCode.CONFLICT, 'This partner has no live link.');
    await this.auditRevoked(therapistId, revoked);
    return this.list(therapistId, coupleId);
  }

  /** Trades a link for a device cookie (or lets a device that already holds one for this link through). */
  async redeem(req: Request, res: Response, token: string): Promise<{ partnerId: string }> {
    await this.ctx.limits.consume('redeemPerIp', req.ip ?? 'unknown');
    const now = this.ctx.clock.now();
    const link = await this.ctx.db
      .selectFrom('case_links')
      .selectAll()
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!link || link.revoked_at !== null) throw linkGone();
    const held = await this.resolve(req, res);
    if (held?.linkId === link.id) return { partnerId: held.partnerId };
    const grant = newToken();
    await this.ctx.db
      .insertInto('case_grants')
      .values({
        token_hash: hashToken(grant),
        link_id: link.id,
        couple_id: link.couple_id,
        partner_id: link.partner_id,
        created_at: now,
        expires_at: now + TTL_MS,
        revoked_at: null,
      })
      .execute();
    this.setCookie(res, grant, now + TTL_MS);
    await this.ctx.audit.record({
      actorType: 'partner',
      actorId: link.partner_id,
      action: 'case_link.redeem',
      targetId: link.id,
    });
    return { partnerId: link.partner_id };
  }

  /** The device behind the request's case cookie, or null; a standing cookie's expiry slides forward. */
  async resolve(req: Request, res: Response): Promise<CasePrincipal | null> {
    const token = readCookie(req, CASE_COOKIE);
    if (!token || token.length > MAX_TOKEN_CHARS) return null;
    const grantHash = hashToken(token);
    const row = await this.ctx.db
      .selectFrom('case_grants as g')
      .innerJoin('case_links as l', 'l.id', 'g.link_id')
      .innerJoin('couples as c', 'c.id', 'g.couple_id')
      .select([
        'g.partner_id',
        'g.couple_id',
        'g.link_id',
        'g.expires_at',
        'g.revoked_at',
        'l.revoked_at as link_revoked_at',
      ])
      .select('c.therapist_id')
      .where('g.token_hash', '=', grantHash)
      .executeTakeFirst();
    const now = this.ctx.clock.now();
    if (!row || row.revoked_at !== null || row.link_revoked_at !== null || Number(row.expires_at) <= now) return null;
    let expiresAt = Number(row.expires_at);
    if (now + TTL_MS - expiresAt >= SLIDE_STEP_MS) {
      expiresAt = now + TTL_MS;
      await this.ctx.db
        .updateTable('case_grants')
        .set({ expires_at: expiresAt })
        .where('token_hash', '=', grantHash)
        .execute();
      this.setCookie(res, token, expiresAt);
    }
    return {
      kind: 'case',
      partnerId: row.partner_id,
      coupleId: row.couple_id,
      therapistId: row.therapist_id,
      linkId: row.link_id,
      grantHash,
      expiresAt,
    };
  }

  /** The request's partner device, or UNAUTHENTICATED (a revoked, expired or unknown cookie alike). */
  async require(req: Request, res: Response): Promise<CasePrincipal> {
    const p = await this.resolve(req, res);
    if (!p) throw unauthenticated('Open the personal link your therapist sent you.');
    return p;
  }

  /** Quick exit: this device's cookie is dropped and its grant revoked (the link itself still works). */
  async leave(req: Request, res: Response): Promise<void> {
    const token = readCookie(req, CASE_COOKIE);
    this.setCookie(res, '', 0);
    if (!token || token.length > MAX_TOKEN_CHARS) return;
    await this.ctx.db
      .updateTable('case_grants')
      .set({ revoked_at: this.ctx.clock.now() })
      .where('token_hash', '=', hashToken(token))
      .where('revoked_at', 'is', null)
      .execute();
  }

  private async auditRevoked(therapistId: string, linkIds: string[]): Promise<void> {
    for (const linkId of linkIds) {
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: therapistId,
        action: 'case_link.revoke',
        targetId: linkId,
      });
    }
  }

  private setCookie(res: Response, value: string, expiresAt: number): void {
    setCookie(res, CASE_COOKIE, value, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.ctx.config.cookieSecure,
      path: CASE_COOKIE_PATH,
      ...(value === '' ? { maxAge: 0 } : { expires: new Date(expiresAt) }),
    });
  }

  private async requirePartner(therapistId: string, coupleId: string, partnerId: string): Promise<void> {
    const couple = await this.couples.get(therapistId, coupleId);
    if (!couple.partners.some((p) => p.id === partnerId)) throw notFound('No such partner in this couple.');
  }

  /** Revokes the partner's live link(s) and their devices; returns the links revoked. */
  private async revokeIn(trx: AppContext['db'], partnerId: string, now: number): Promise<string[]> {
    const live = await trx
      .updateTable('case_links')
      .set({ revoked_at: now })
      .where('partner_id', '=', partnerId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    await trx
      .updateTable('case_grants')
      .set({ revoked_at: now })
      .where('partner_id', '=', partnerId)
      .where('revoked_at', 'is', null)
      .execute();
    return live.map((r) => r.id);
  }
}
