import {
  DEFAULT_PAUSE_SETTINGS,
  type PauseEndReason,
  type PauseRecord,
  type PauseSettings,
  type Timer,
} from '@tandem/shared';
import type { Db } from '../../db/database.js';
import type { PausesTable } from '../../db/schema.js';

export type PauseRow = PausesTable;

export function timerOfRow(row: Pick<PauseRow, 'timer_status' | 'duration_ms' | 'deadline' | 'remaining_ms'>): Timer {
  return {
    status: row.timer_status,
    durationMs: Number(row.duration_ms),
    deadline: row.deadline === null ? null : Number(row.deadline),
    remainingMs: Number(row.remaining_ms),
  };
}

export function timerColumns(t: Timer) {
  return { timer_status: t.status, duration_ms: t.durationMs, deadline: t.deadline, remaining_ms: t.remainingMs };
}

/** Storage for pauses and the couple's pause settings. */
export class TimersStore {
  constructor(private readonly db: Db) {}

  async settings(coupleId: string): Promise<PauseSettings> {
    const row = await this.db
      .selectFrom('pause_settings')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .executeTakeFirst();
    if (!row) return { ...DEFAULT_PAUSE_SETTINGS, choices: [...DEFAULT_PAUSE_SETTINGS.choices] };
    return {
      defaultMinutes: row.default_minutes,
      choices: JSON.parse(row.choices) as number[],
      showCaller: row.show_caller === 1,
      mediaPaused: row.media_paused === 1,
      exercise: row.exercise,
    };
  }

  async saveSettings(coupleId: string, s: PauseSettings, now: number): Promise<void> {
    const values = {
      default_minutes: s.defaultMinutes,
      choices: JSON.stringify(s.choices),
      show_caller: s.showCaller ? 1 : 0,
      media_paused: s.mediaPaused ? 1 : 0,
      exercise: s.exercise,
      updated_at: now,
    };
    await this.db
      .insertInto('pause_settings')
      .values({ couple_id: coupleId, ...values })
      .onConflict((oc) => oc.column('couple_id').doUpdateSet(values))
      .execute();
  }

  /** The session's open pause (not yet ended), if any. */
  async openPause(sessionId: string): Promise<PauseRow | undefined> {
    return this.db
      .selectFrom('pauses')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('ended_at', 'is', null)
      .orderBy('started_at', 'desc')
      .executeTakeFirst();
  }

  /** Every open pause across sessions (to schedule deadlines after a start). */
  async allOpenPauses(): Promise<PauseRow[]> {
    return this.db.selectFrom('pauses').selectAll().where('ended_at', 'is', null).execute();
  }

  async insertPause(row: PauseRow): Promise<void> {
    await this.db.insertInto('pauses').values(row).execute();
  }

  /** Updates an open pause; false when it had already ended (someone else finished it). */
  async updateOpenPause(id: string, set: Partial<Omit<PauseRow, 'id' | 'session_id'>>): Promise<boolean> {
    const res = await this.db
      .updateTable('pauses')
      .set(set)
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    return res.numUpdatedRows > 0n;
  }

  async finishPause(id: string, endedAt: number, reason: PauseEndReason): Promise<boolean> {
    return this.updateOpenPause(id, {
      ended_at: endedAt,
      end_reason: reason,
      timer_status: 'done',
      deadline: null,
      remaining_ms: 0,
    });
  }

  /** The session's finished pauses, oldest first (for the summary). */
  async history(sessionId: string): Promise<PauseRecord[]> {
    const rows = await this.db
      .selectFrom('pauses')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('ended_at', 'is not', null)
      .orderBy('started_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      calledById: r.called_by_id,
      calledByRole: r.called_by_role,
      startedAt: Number(r.started_at),
      endedAt: Number(r.ended_at),
      plannedMs: Number(r.duration_ms),
      endReason: r.end_reason ?? 'expired',
    }));
  }
}
