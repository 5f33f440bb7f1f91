/**
 * A therapist's sign-ins (one per device): the idle timeout and activity, the second-factor step, the practice's
 * owner. The access module asks here for every request, Socket.IO event and /collab upgrade.
 */
import { createHash } from 'node:crypto';
import { SECURITY_LIMITS } from '@tandem/shared';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { AuditLog } from '../lib/audit.js';
import type { CredentialEnds } from './credentialEnds.js';

export interface SignInRow {
  token_hash: string;
  therapist_id: string;
  created_at: number;
  last_active_at?: number | null;
}

/** A device's public id: derived from its token hash, so the hash itself is never sent. */
export function deviceIdOf(tokenHash: string): string {
  return createHash('sha256').update(`device:${tokenHash}`).digest('hex').slice(0, 32);
}

export class SignIns {
  /**
   * Whether a sign-in has a live connection in a live session's room (set by the realtime layer; across
   * processes through the adapter). Such a sign-in is never idle.
   */
  inLiveRoom: (tokenHash: string) => Promise<boolean> = () => Promise.resolve(false);

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ends: CredentialEnds | null,
    private readonly audit: AuditLog | null,
  ) {}

  /**
   * True while the sign-in is active: idle for less than the timeout, or in a live session's room. `touch`
   * counts this as the person's activity. An idle sign-in is ended (marked `idle`, so the device can be told
   * why) and announced, which closes its live connections.
   */
  async active(row: SignInRow, touch: boolean): Promise<boolean> {
    const now = this.clock.now();
    const last = row.last_active_at ?? row.created_at;
    const idle = now - last >= SECURITY_LIMITS.idleMs;
    if (idle && !(await this.inLiveRoom(row.token_hash))) {
      await this.endIdle(row);
      return false;
    }
    // In a live room the sign-in stays fresh, so leaving the room starts the idle time from then.
    if ((touch || idle) && now - last >= SECURITY_LIMITS.touchEveryMs) {
      await this.db
        .updateTable('auth_sessions')
        .set({ last_active_at: now })
        .where('token_hash', '=', row.token_hash)
        .execute();
    }
    return true;
  }

  private async endIdle(row: SignInRow): Promise<void> {
    const ended = await this.db
      .updateTable('auth_sessions')
      .set({ stage: 'idle' })
      .where('token_hash', '=', row.token_hash)
      .where('stage', '=', 'full')
      .executeTakeFirst();
    if (Number(ended.numUpdatedRows) === 0) return;
    await this.audit?.record({
      actorType: 'system',
      actorId: null,
      action: 'therapist.idle_sign_out',
      targetId: row.therapist_id,
    });
    // Announced last: a Socket.IO handler's refusal must still go out before its socket closes.
    this.ends?.end({ kind: 'therapist', therapistId: row.therapist_id, tokenHashes: [row.token_hash], reason: 'idle' });
  }

  /** The practice's owner: the therapist who set the instance up. */
  async isOwner(therapistId: string): Promise<boolean> {
    const row = await this.db.selectFrom('first_run').select('therapist_id').where('id', '=', 1).executeTakeFirst();
    return row?.therapist_id === therapistId;
  }

  async requireSecondFactor(): Promise<boolean> {
    const row = await this.db
      .selectFrom('first_run')
      .select('require_second_factor')
      .where('id', '=', 1)
      .executeTakeFirst();
    return Number(row?.require_second_factor ?? 0) === 1;
  }
}
