import type { Response } from 'express';
import { setCookie } from '../../lib/http.js';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  ErrorCode,
  SECURITY_LIMITS,
  type LoginBody,
  type LoginResultDto,
  type SetupBody,
  type SignInStage,
  type TherapistDto,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { createFirstTherapist } from '../../db/firstRun.js';
import { AppError } from '../../lib/errors.js';
import { dummyPasswordHash, hashPassword, hashToken, newToken, verifyPassword } from '../../lib/tokens.js';

export const THERAPIST_COOKIE = 'tandem_session';
export const THERAPIST_SESSION_MS = SECURITY_LIMITS.lifetimeMs;

/** Sets the sign-in cookie of a started sign-in on a response; answers the therapist. */
export function setSignInCookie(res: Response, s: SignedIn, secure: boolean): TherapistDto {
  setCookie(res, THERAPIST_COOKIE, s.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: new Date(s.expiresAt),
  });
  return s.therapist;
}

export interface SignedIn {
  therapist: TherapistDto;
  token: string;
  expiresAt: number;
  /** What the sign-in still owes: nothing, a second-factor code, or enrolling one. */
  step: LoginResultDto['step'];
}

/** A sign-in as stored, whatever its step (the access module accepts only complete ones). */
export interface StoredSignIn {
  tokenHash: string;
  therapist: TherapistDto;
  stage: SignInStage;
  createdAt: number;
  expiresAt: number;
}

const STAGE_OF_STEP: Record<LoginResultDto['step'], SignInStage> = {
  'signed-in': 'full',
  code: 'code',
  enrol: 'enrol',
};

/** Compares two secrets in time that does not depend on where they differ (nor on their lengths). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Refuses a new password that is too easy to guess (common, breached, personal, a pattern); the reason is a code.
 * The dictionaries (tens of MB in memory) load on first use, not at every start.
 */
export async function assertStrongPassword(password: string, personal: readonly string[]): Promise<void> {
  const { checkPassword } = await import('@tandem/shared/password');
  const verdict = checkPassword(password, personal);
  if (!verdict.acceptable) {
    throw new AppError(
      ErrorCode.WEAK_PASSWORD,
      `That password is too easy to guess (${verdict.reason ?? 'guessable'}).`,
    );
  }
}

/** Therapist accounts and their sign-in sessions. */
export class AuthService {
  /** The one-time first-run code while no account exists; null once set up. */
  private setupToken: string | null = null;

  constructor(private readonly ctx: AppContext) {}

  /**
   * At start: when no account exists, picks the setup code (SETUP_TOKEN, or 256 random bits) that the start
   * banner prints in the setup link. Returns it, or null when Tandem is already set up.
   */
  async prepareSetup(): Promise<string | null> {
    this.setupToken = (await this.needsSetup()) ? (this.ctx.config.setupToken ?? newToken()) : null;
    return this.setupToken;
  }

  async needsSetup(): Promise<boolean> {
    const row = await this.ctx.db.selectFrom('therapists').select('id').limit(1).executeTakeFirst();
    return row === undefined;
  }

  /** Creates the first therapist account, with the start banner's one-time code; refused once any account exists. */
  async setup(body: SetupBody, ip: string, userAgent = ''): Promise<SignedIn> {
    const { limits } = this.ctx;
    await limits.assertAllowed('loginPerIp', ip);
    if (!(await this.needsSetup())) throw new AppError(ErrorCode.CONFLICT, 'Tandem is already set up. Please sign in.');
    if (this.setupToken === null || !sameSecret(body.setupToken, this.setupToken)) {
      // Set up by another request since the check above (the code is spent then): that is the answer.
      if (!(await this.needsSetup()))
        throw new AppError(ErrorCode.CONFLICT, 'Tandem is already set up. Please sign in.');
      await this.ctx.audit.record({ actorType: 'anonymous', actorId: null, action: 'therapist.setup_refused' });
      await limits.consume('loginPerIp', ip);
      throw new AppError(
        ErrorCode.SETUP_TOKEN_INVALID,
        'Open the setup link that Tandem printed when it started (it carries a one-time code).',
      );
    }
    await assertStrongPassword(body.password, [body.name, body.email]);
    const passwordHash = await hashPassword(body.password, this.ctx.config.passwordHashCost);
    const id = randomUUID();
    const created = await createFirstTherapist(this.ctx.db, {
      id,
      name: body.name,
      email: body.email,
      password_hash: passwordHash,
      created_at: this.ctx.clock.now(),
    });
    if (!created) throw new AppError(ErrorCode.CONFLICT, 'Tandem is already set up. Please sign in.');
    this.setupToken = null;
    await this.ctx.audit.record({ actorType: 'therapist', actorId: id, action: 'therapist.setup' });
    return this.startSession({ id, name: body.name, email: body.email }, 'signed-in', userAgent);
  }

  /**
   * Signs in; a wrong email and a wrong password fail the same way, in about the same time. Two limits: failures
   * per address (as Express derives it under TRUST_PROXY), and a growing wait per account from any address
   * (unknown emails too, so the limits say nothing about which accounts exist).
   */
  async login(body: LoginBody, ip: string, userAgent = ''): Promise<SignedIn> {
    const { limits } = this.ctx;
    await limits.assertAllowed('loginPerIp', ip);
    await limits.assertAccountAllowed(body.email);

    const row = await this.ctx.db
      .selectFrom('therapists')
      .select(['id', 'name', 'email', 'password_hash', 'totp_secret'])
      .where('email', '=', body.email)
      // A deactivated account signs in no more: answered like a wrong password (nothing told about the account).
      .where('deactivated_at', 'is', null)
      .executeTakeFirst();
    const ok = await verifyPassword(
      body.password,
      row?.password_hash ?? (await dummyPasswordHash(this.ctx.config.passwordHashCost)),
    );
    if (!row || !ok) {
      await this.ctx.audit.record({ actorType: 'anonymous', actorId: null, action: 'therapist.sign_in_failed' });
      await limits.accountFailed(body.email);
      await limits.consume('loginPerIp', ip);
      throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'That email and password do not match.');
    }
    await limits.accountSucceeded(body.email);
    // The password is right; a second factor may still be owed (the account's own, or the practice's rule).
    const step: LoginResultDto['step'] = row.totp_secret
      ? 'code'
      : (await this.requireSecondFactor())
        ? 'enrol'
        : 'signed-in';
    if (step === 'signed-in')
      await this.ctx.audit.record({ actorType: 'therapist', actorId: row.id, action: 'therapist.sign_in' });
    return this.startSession({ id: row.id, name: row.name, email: row.email }, step, userAgent);
  }

  /**
   * Signs in someone who just created their account from an invite: at once, or held for enrolling a second
   * factor when the practice requires one.
   */
  async signedUp(therapist: TherapistDto, userAgent = ''): Promise<SignedIn> {
    const step: LoginResultDto['step'] = (await this.requireSecondFactor()) ? 'enrol' : 'signed-in';
    if (step === 'signed-in')
      await this.ctx.audit.record({ actorType: 'therapist', actorId: therapist.id, action: 'therapist.sign_in' });
    return this.startSession(therapist, step, userAgent);
  }

  private async requireSecondFactor(): Promise<boolean> {
    const row = await this.ctx.db
      .selectFrom('first_run')
      .select('require_second_factor')
      .where('id', '=', 1)
      .executeTakeFirst();
    return Number(row?.require_second_factor ?? 0) === 1;
  }

  /** The sign-in behind a cookie at any step (null: none, or expired). */
  async stored(token: string | undefined): Promise<StoredSignIn | null> {
    if (!token || token.length > 100) return null;
    const tokenHash = hashToken(token);
    const row = await this.ctx.db
      .selectFrom('auth_sessions')
      .innerJoin('therapists', 'therapists.id', 'auth_sessions.therapist_id')
      .select([
        'therapists.id',
        'therapists.name',
        'therapists.email',
        'auth_sessions.stage',
        'auth_sessions.created_at',
        'auth_sessions.expires_at',
      ])
      .where('auth_sessions.token_hash', '=', tokenHash)
      .where('therapists.deactivated_at', 'is', null)
      .executeTakeFirst();
    if (!row || row.expires_at <= this.ctx.clock.now()) return null;
    return {
      tokenHash,
      therapist: { id: row.id, name: row.name, email: row.email },
      stage: row.stage,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }

  /**
   * The second step of a sign-in: `check` verifies the code (and counts a wrong one). On success the held sign-in
   * is replaced by a complete one with a new token (the cookie the password step set opens nothing else).
   */
  async completeWithCode(
    token: string | undefined,
    check: (therapistId: string) => Promise<unknown>,
    userAgent = '',
  ): Promise<SignedIn> {
    const held = await this.stored(token);
    if (!held || held.stage !== 'code')
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in with your email and password first.');
    await check(held.therapist.id);
    const removed = await this.ctx.db
      .deleteFrom('auth_sessions')
      .where('token_hash', '=', held.tokenHash)
      .where('stage', '=', 'code')
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) !== 1)
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in with your email and password first.');
    await this.ctx.audit.record({ actorType: 'therapist', actorId: held.therapist.id, action: 'therapist.sign_in' });
    return this.startSession(held.therapist, 'signed-in', userAgent);
  }

  /** Forgets a sign-in that ended for inactivity, once its device has been told. */
  async forgetIdle(tokenHash: string): Promise<void> {
    await this.ctx.db
      .deleteFrom('auth_sessions')
      .where('token_hash', '=', tokenHash)
      .where('stage', '=', 'idle')
      .execute();
  }

  /** Ends this sign-in session and announces it, so live connections opened with it close too. */
  async logout(token: string | undefined): Promise<void> {
    if (!token || token.length > 100) return;
    const tokenHash = hashToken(token);
    const row = await this.ctx.db
      .deleteFrom('auth_sessions')
      .where('token_hash', '=', tokenHash)
      .returning('therapist_id')
      .executeTakeFirst();
    if (!row) return;
    // Every live connection opened with this sign-in ends with it.
    this.ctx.credentialEnds.end({ kind: 'therapist', therapistId: row.therapist_id, tokenHashes: [tokenHash] });
    await this.ctx.audit.record({ actorType: 'therapist', actorId: row.therapist_id, action: 'therapist.sign_out' });
  }

  private async startSession(
    therapist: TherapistDto,
    step: LoginResultDto['step'],
    userAgent: string,
  ): Promise<SignedIn> {
    const token = newToken();
    const now = this.ctx.clock.now();
    // The code step holds briefly; enrolment and a complete sign-in last the sign-in's lifetime.
    const expiresAt = now + (step === 'code' ? SECURITY_LIMITS.codeStepMs : THERAPIST_SESSION_MS);
    await this.ctx.db.deleteFrom('auth_sessions').where('expires_at', '<=', now).execute();
    await this.ctx.db
      .insertInto('auth_sessions')
      .values({
        token_hash: hashToken(token),
        therapist_id: therapist.id,
        created_at: now,
        expires_at: expiresAt,
        stage: STAGE_OF_STEP[step],
        last_active_at: now,
        user_agent: userAgent.slice(0, SECURITY_LIMITS.userAgentChars) || null,
      })
      .execute();
    return { therapist, token, expiresAt, step };
  }
}
