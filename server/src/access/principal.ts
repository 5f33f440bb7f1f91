/**
 * "Who is this?", answered once for every channel: an HTTP request, a Socket.IO handshake and a WebSocket
 * upgrade all carry the same cookies, and `principalOf` turns them into one typed principal.
 */
import type { IncomingMessage } from 'node:http';
import { readCookie } from '../lib/http.js';
import { hashToken } from '../lib/tokens.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { GrantsStore } from '../features/join/grants.store.js';
import { THERAPIST_COOKIE } from '../features/auth/auth.service.js';
import type { SignInStage } from '@tandem/shared';
import type { CredentialEnds } from './credentialEnds.js';
import type { AuditLog } from '../lib/audit.js';
import { SignIns } from './signIns.js';

export { THERAPIST_COOKIE };
export const guestCookieName = (sessionId: string) => `tandem_guest_${sessionId}`;

export interface TherapistPrincipal {
  kind: 'therapist';
  therapistId: string;
  name: string;
  email: string;
  credential: { tokenHash: string; expiresAt: number };
}

/** One partner device: the grant its cookie holds, for one session. */
export interface PartnerPrincipal {
  kind: 'partner';
  sessionId: string;
  partnerId: string;
  coupleId: string;
  therapistId: string;
  deviceId: string;
  name: string;
  credential: { grantHash: string; expiresAt: number };
}

export type Principal = TherapistPrincipal | PartnerPrincipal | { kind: 'nobody' };
export const nobody: Principal = { kind: 'nobody' };

/** What carries the cookies: a request, `socket.request` of a handshake, or an upgrade request. */
export type CookieSource = Pick<IncomingMessage, 'headers'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_TOKEN_CHARS = 100;

export class Principals {
  readonly grants: GrantsStore;
  readonly signIns: SignIns;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    ends: CredentialEnds | null = null,
    audit: AuditLog | null = null,
  ) {
    this.grants = new GrantsStore(db);
    this.signIns = new SignIns(db, clock, ends, audit);
  }

  /**
   * The principal behind a request for a session (`sessionId` scopes a partner's cookie; omit it where only a
   * therapist can be meant). When both cookies are present, the therapist wins for their own session (or when
   * no session is named) and the partner device otherwise.
   */
  async principalOf(source: CookieSource, sessionId?: string | null): Promise<Principal> {
    const therapist = await this.therapist(readCookie(source, THERAPIST_COOKIE));
    const scoped = sessionId && UUID.test(sessionId) ? sessionId : null;
    if (!scoped) return therapist ?? nobody;
    const partner = await this.partner(scoped, readCookie(source, guestCookieName(scoped)));
    // In their own session the therapist is the therapist, whatever other cookie the browser holds.
    if (therapist && (!partner || partner.therapistId === therapist.therapistId)) return therapist;
    return partner ?? therapist ?? nobody;
  }

  /** The unexpired sign-in behind a cookie at the given step, with its therapist (null: none). */
  private async signInAt(token: string | undefined, stage: SignInStage) {
    if (!token || token.length > MAX_TOKEN_CHARS) return null;
    const tokenHash = hashToken(token);
    const row = await this.db
      .selectFrom('auth_sessions')
      .innerJoin('therapists', 'therapists.id', 'auth_sessions.therapist_id')
      .select([
        'therapists.id',
        'therapists.name',
        'therapists.email',
        'auth_sessions.expires_at',
        'auth_sessions.created_at',
        'auth_sessions.last_active_at',
      ])
      .where('auth_sessions.token_hash', '=', tokenHash)
      .where('auth_sessions.stage', '=', stage)
      .where('therapists.deactivated_at', 'is', null)
      .executeTakeFirst();
    if (!row || row.expires_at <= this.clock.now()) return null;
    const principal: TherapistPrincipal = {
      kind: 'therapist',
      therapistId: row.id,
      name: row.name,
      email: row.email,
      credential: { tokenHash, expiresAt: row.expires_at },
    };
    return {
      principal,
      signIn: {
        token_hash: tokenHash,
        therapist_id: row.id,
        created_at: row.created_at,
        last_active_at: row.last_active_at,
      },
    };
  }

  /**
   * The therapist of a complete sign-in (second factor given) that has neither expired nor gone idle; asking
   * counts as their activity (a request, a handshake, an upgrade: something the person did).
   */
  async therapist(token: string | undefined): Promise<TherapistPrincipal | null> {
    const found = await this.signInAt(token, 'full');
    if (!found || !(await this.signIns.active(found.signIn, true))) return null;
    return found.principal;
  }

  /**
   * A sign-in held for enrolling a second factor (the practice requires one): it may reach the enrolment routes
   * and nothing else.
   */
  async enrolling(token: string | undefined): Promise<TherapistPrincipal | null> {
    return (await this.signInAt(token, 'enrol'))?.principal ?? null;
  }

  /**
   * Whether a credential a live connection was opened with still stands (not signed out, revoked, expired or
   * idle): `ok`, `idle` (the idle timeout ended it just now, already announced) or `ended`.
   */
  async stillValid(credential: { tokenHash: string } | { grantHash: string }): Promise<'ok' | 'idle' | 'ended'> {
    if ('tokenHash' in credential) {
      const row = await this.db
        .selectFrom('auth_sessions')
        .innerJoin('therapists', 'therapists.id', 'auth_sessions.therapist_id')
        .select([
          'auth_sessions.token_hash',
          'auth_sessions.therapist_id',
          'auth_sessions.created_at',
          'auth_sessions.expires_at',
          'auth_sessions.last_active_at',
          'auth_sessions.stage',
        ])
        .where('auth_sessions.token_hash', '=', credential.tokenHash)
        .where('therapists.deactivated_at', 'is', null)
        .executeTakeFirst();
      if (!row || row.stage !== 'full' || row.expires_at <= this.clock.now()) return 'ended';
      // A live connection's own traffic is not the person's activity (clock samples, reconnects).
      return (await this.signIns.active(row, false)) ? 'ok' : 'idle';
    }
    const row = await this.grants.device(credential.grantHash);
    return row !== undefined && row.expires_at > this.clock.now() ? 'ok' : 'ended';
  }

  /** The device behind a guest cookie for this session (also when the session has ended: `can` refuses it). */
  async partner(sessionId: string, token: string | undefined): Promise<PartnerPrincipal | null> {
    if (!token || token.length > MAX_TOKEN_CHARS) return null;
    const grantHash = hashToken(token);
    const row = await this.grants.byHash(grantHash);
    if (!row || row.session_id !== sessionId || row.expires_at <= this.clock.now()) return null;
    return {
      kind: 'partner',
      sessionId: row.session_id,
      partnerId: row.partner_id,
      coupleId: row.couple_id,
      therapistId: row.therapist_id,
      deviceId: row.device_id,
      name: row.display_name,
      credential: { grantHash, expiresAt: row.expires_at },
    };
  }
}
