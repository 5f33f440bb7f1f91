import { randomUUID } from 'node:crypto';
import { ErrorCode, type LoginBody, type SetupBody, type TherapistDto } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { dummyPasswordHash, hashPassword, hashToken, newToken, verifyPassword } from '../../lib/tokens.js';

export const THERAPIST_COOKIE = 'tandem_session';
export const THERAPIST_SESSION_MS = 12 * 60 * 60 * 1000;

export interface SignedIn {
  therapist: TherapistDto;
  token: string;
  expiresAt: number;
}

/** Therapist accounts and their sign-in sessions. */
export class AuthService {
  constructor(private readonly ctx: AppContext) {}

  async needsSetup(): Promise<boolean> {
    const row = await this.ctx.db.selectFrom('therapists').select('id').limit(1).executeTakeFirst();
    return row === undefined;
  }

  /** Creates the first therapist account; refused once any account exists. */
  async setup(body: SetupBody): Promise<SignedIn> {
    const passwordHash = await hashPassword(body.password);
    const id = randomUUID();
    const created = await this.ctx.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('therapists').select('id').limit(1).executeTakeFirst();
      if (existing) return false;
      await trx
        .insertInto('therapists')
        .values({
          id,
          name: body.name,
          email: body.email,
          password_hash: passwordHash,
          created_at: this.ctx.clock.now(),
        })
        .execute();
      return true;
    });
    if (!created) throw new AppError(ErrorCode.CONFLICT, 'Tandem is already set up. Please sign in.');
    await this.ctx.audit.record({ actorType: 'therapist', actorId: id, action: 'therapist.setup' });
    return this.startSession({ id, name: body.name, email: body.email });
  }

  /** Signs in; a wrong email and a wrong password fail the same way, in about the same time. */
  async login(body: LoginBody, ip: string): Promise<SignedIn> {
    const { limits } = this.ctx;
    const emailKey = `${ip}|${body.email}`;
    await limits.assertAllowed('loginPerEmailIp', emailKey);
    await limits.assertAllowed('loginPerIp', ip);

    const row = await this.ctx.db
      .selectFrom('therapists')
      .select(['id', 'name', 'email', 'password_hash'])
      .where('email', '=', body.email)
      .executeTakeFirst();
    const ok = await verifyPassword(body.password, row?.password_hash ?? (await dummyPasswordHash()));
    if (!row || !ok) {
      await this.ctx.audit.record({ actorType: 'anonymous', actorId: null, action: 'therapist.sign_in_failed' });
      await limits.consume('loginPerEmailIp', emailKey);
      await limits.consume('loginPerIp', ip);
      throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'That email and password do not match.');
    }
    await limits.reset('loginPerEmailIp', emailKey);
    await this.ctx.audit.record({ actorType: 'therapist', actorId: row.id, action: 'therapist.sign_in' });
    return this.startSession({ id: row.id, name: row.name, email: row.email });
  }

  async logout(token: string | undefined): Promise<void> {
    if (!token) return;
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
