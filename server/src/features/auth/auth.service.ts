import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { ErrorCode, type LoginBody, type SetupBody, type TherapistDto } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { createFirstTherapist } from '../../db/firstRun.js';
import { AppError } from '../../lib/errors.js';
import { dummyPasswordHash, hashPassword, hashToken, newToken, verifyPassword } from '../../lib/tokens.js';

export const THERAPIST_COOKIE = 'tandem_session';
export const THERAPIST_SESSION_MS = 12 * 60 * 60 * 1000;

export interface SignedIn {
  therapist: TherapistDto;
  token: string;
  expiresAt: number;
}

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
  async setup(body: SetupBody, ip: string): Promise<SignedIn> {
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
    return this.startSession({ id, name: body.name, email: body.email });
  }

  /**
   * Signs in; a wrong email and a wrong password fail the same way, in about the same time. Two limits: failures
   * per address (as Express derives it under TRUST_PROXY), and a growing wait per account from any address
   * (unknown emails too, so the limits say nothing about which accounts exist).
   */
  async login(body: LoginBody, ip: string): Promise<SignedIn> {
    const { limits } = this.ctx;
    await limits.assertAllowed('loginPerIp', ip);
    await limits.assertAccountAllowed(body.email);

    const row = await this.ctx.db
      .selectFrom('therapists')
      .select(['id', 'name', 'email', 'password_hash'])
      .where('email', '=', body.email)
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
    await this.ctx.audit.record({ actorType: 'therapist', actorId: row.id, action: 'therapist.sign_in' });
    return this.startSession({ id: row.id, name: row.name, email: row.email });
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

  /** The therapist behind a session cookie, or null. */
  async resolve(token: string | undefined): Promise<TherapistDto | null> {
    if (!token || token.length > 100) return null;
    const row = await this.ctx.db
      .selectFrom('auth_sessions')
      .innerJoin('therapists', 'therapists.id', 'auth_sessions.therapist_id')
      .select(['therapists.id', 'therapists.name', 'therapists.email', 'auth_sessions.expires_at'])
      .where('auth_sessions.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row || row.expires_at <= this.ctx.clock.now()) return null;
    return { id: row.id, name: row.name, email: row.email };
  }

  private async startSession(therapist: TherapistDto): Promise<SignedIn> {
    const token = newToken();
    const now = this.ctx.clock.now();
    const expiresAt = now + THERAPIST_SESSION_MS;
    await this.ctx.db.deleteFrom('auth_sessions').where('expires_at', '<=', now).execute();
    await this.ctx.db
      .insertInto('auth_sessions')
      .values({ token_hash: hashToken(token), therapist_id: therapist.id, created_at: now, expires_at: expiresAt })
      .execute();
    return { therapist, token, expiresAt };
  }
}
