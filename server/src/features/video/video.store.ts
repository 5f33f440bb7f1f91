import { randomUUID } from 'node:crypto';
import { BREAKOUT_REASONS, type BreakoutReason, type BreakoutState } from '@tandem/shared';
import type { Db } from '../../db/database.js';

/** Breakouts in storage, so one survives a server restart (and is shared by every server process). */
export class VideoStore {
  constructor(private readonly db: Db) {}

  async current(sessionId: string): Promise<BreakoutState | null> {
    const row = await this.db
      .selectFrom('breakouts')
      .select(['partner_id', 'started_at', 'message', 'reason'])
      .where('session_id', '=', sessionId)
      .where('ended_at', 'is', null)
      .orderBy('started_at', 'desc')
      .executeTakeFirst();
    return row
      ? { partnerId: row.partner_id, startedAt: row.started_at, message: row.message, reason: reasonOf(row.reason) }
      : null;
  }

  async start(
    sessionId: string,
    partnerId: string,
    message: string,
    reason: BreakoutReason | null,
    now: number,
  ): Promise<BreakoutState> {
    await this.db
      .insertInto('breakouts')
      .values({
        id: randomUUID(),
        session_id: sessionId,
        partner_id: partnerId,
        message,
        reason,
        started_at: now,
        ended_at: null,
      })
      .execute();
    return { partnerId, startedAt: now, message, reason };
  }

  /** Ends the open breakout; true when there was one. */
  async end(sessionId: string, now: number): Promise<boolean> {
    const res = await this.db
      .updateTable('breakouts')
      .set({ ended_at: now })
      .where('session_id', '=', sessionId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }
}

const reasonOf = (v: string | null): BreakoutReason | null =>
  (BREAKOUT_REASONS as readonly string[]).includes(v ?? '') ? (v as BreakoutReason) : null;
