/** Storage of the between-session space: tasks, their marks and the conflict log (the weekly ratings are answers). */
import type { ConflictEntryDto, HomeworkDto, HomeworkMarkDto, MeasureResponseDto } from '@tandem/shared';
import { BETWEEN_LIMITS, WEEKLY_RATINGS_ID, periodOf } from '@tandem/shared';
import type { Db } from '../../db/database.js';
import type { ConflictEntriesTable, HomeworkMarksTable, HomeworkTable } from '../../db/schema.js';
import { toIso } from '../../lib/clock.js';
import { responseDto } from '../measures/measures.service.js';

const iso = (ms: number | string) => toIso(Number(ms)) ?? '';
const isoOrNull = (ms: number | string | null) => (ms === null ? null : iso(ms));
const intOrNull = (v: number | string | null) => (v === null ? null : Number(v));

export function markDto(row: HomeworkMarksTable): HomeworkMarkDto {
  return {
    partnerId: row.partner_id,
    period: row.period,
    done: row.done_at !== null,
    reflection: row.reflection,
    updatedAt: iso(row.updated_at),
  };
}

export function homeworkDto(row: HomeworkTable, marks: HomeworkMarksTable[], now: number): HomeworkDto {
  return {
    id: row.id,
    sessionId: row.session_id,
    partnerId: row.partner_id,
    text: row.text,
    dueAt: isoOrNull(row.due_at),
    repeat: row.repeat,
    createdAt: iso(row.created_at),
    closedAt: isoOrNull(row.closed_at),
    currentPeriod: periodOf(row.repeat, now),
    marks: marks
      .filter((m) => m.homework_id === row.id)
      .sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : a.partner_id < b.partner_id ? -1 : 1))
      .map(markDto),
  };
}

export function conflictDto(row: ConflictEntriesTable): ConflictEntryDto {
  return {
    id: row.id,
    partnerId: row.partner_id,
    occurredAt: iso(row.occurred_at),
    durationMin: intOrNull(row.duration_min),
    repairMin: intOrNull(row.repair_min),
    pauseUsed: row.pause_used === null ? null : Number(row.pause_used) === 1,
    helped: row.helped,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Reads, each narrowed to one partner when `partnerId` is given (a partner's own view), else the whole couple. */
export class BetweenStore {
  constructor(private readonly db: Db) {}

  async homework(id: string): Promise<HomeworkTable | undefined> {
    return this.db.selectFrom('homework').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Tasks with their marks: a partner's open ones (theirs and both's) and only their own marks, or the couple's. */
  async tasks(
    coupleId: string,
    now: number,
    opts: { partnerId?: string; openOnly?: boolean; sessionId?: string; limit: number },
  ): Promise<HomeworkDto[]> {
    let q = this.db.selectFrom('homework').selectAll().where('couple_id', '=', coupleId);
    const partnerId = opts.partnerId;
    if (partnerId !== undefined) {
      q = q.where((eb) => eb.or([eb('partner_id', 'is', null), eb('partner_id', '=', partnerId)]));
    }
    if (opts.openOnly) q = q.where('closed_at', 'is', null);
    if (opts.sessionId !== undefined) q = q.where('session_id', '=', opts.sessionId);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id').limit(opts.limit).execute();
    return this.withMarks(rows, now, partnerId);
  }

  async withMarks(rows: HomeworkTable[], now: number, partnerId?: string): Promise<HomeworkDto[]> {
    if (rows.length === 0) return [];
    let m = this.db
      .selectFrom('homework_marks')
      .selectAll()
      .where(
        'homework_id',
        'in',
        rows.map((r) => r.id),
      );
    if (partnerId !== undefined) m = m.where('partner_id', '=', partnerId);
    const marks = await m
      .orderBy('period', 'desc')
      .limit(BETWEEN_LIMITS.overviewRows * 4)
      .execute();
    return rows.map((r) => homeworkDto(r, marks, now));
  }

  async conflicts(coupleId: string, partnerId?: string): Promise<ConflictEntryDto[]> {
    let q = this.db.selectFrom('conflict_entries').selectAll().where('couple_id', '=', coupleId);
    if (partnerId !== undefined) q = q.where('partner_id', '=', partnerId);
    const rows = await q.orderBy('occurred_at', 'desc').orderBy('id').limit(BETWEEN_LIMITS.conflictList).execute();
    return rows.map(conflictDto);
  }

  /** Weekly ratings given between sessions (`session_id` null), newest first. */
  async weekly(coupleId: string, partnerId?: string, since?: number): Promise<MeasureResponseDto[]> {
    let q = this.db
      .selectFrom('measure_responses')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .where('session_id', 'is', null)
      .where('occasion', '=', 'weekly')
      .where('instrument_id', '=', WEEKLY_RATINGS_ID);
    if (partnerId !== undefined) q = q.where('partner_id', '=', partnerId);
    if (since !== undefined) q = q.where('answered_at', '>=', since);
    const rows = await q.orderBy('answered_at', 'desc').limit(BETWEEN_LIMITS.overviewRows).execute();
    return rows.map(responseDto);
  }
}
