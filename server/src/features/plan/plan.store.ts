/**
 * Storage for the treatment plan (versions, reviews) and the reads progress is computed from: the couple's scored
 * answers, conflict log entries, homework and its marks (the last three written by the between-session feature).
 * Reads take only the columns progress needs: never an answer's text, a reflection or what helped.
 */
import type { PlanContent } from '@tandem/shared';
import { planContentSchema } from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';

export interface StoredVersion {
  version: number;
  savedAt: number;
  content: PlanContent;
}

export interface StoredReview {
  id: string;
  planVersion: number;
  note: string;
  statuses: { objectiveId: string; status: string }[];
  reviewedAt: number;
}

export interface ScoreRow {
  partnerId: string;
  sessionId: string | null;
  instrumentId: string;
  instrumentVersion: number;
  score: number;
  answeredAt: number;
}

export interface ConflictRow {
  partnerId: string;
  occurredAt: number;
  durationMin: number | null;
  repairMin: number | null;
  pauseUsed: boolean | null;
}

export class PlanStore {
  constructor(private readonly ctx: AppContext) {}

  async latest(coupleId: string): Promise<StoredVersion | null> {
    const row = await this.ctx.db
      .selectFrom('plan_versions')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    return row ? stored(row) : null;
  }

  async version(coupleId: string, version: number): Promise<StoredVersion | null> {
    const row = await this.ctx.db
      .selectFrom('plan_versions')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row ? stored(row) : null;
  }

  async versions(coupleId: string, limit: number): Promise<{ version: number; savedAt: number }[]> {
    const rows = await this.ctx.db
      .selectFrom('plan_versions')
      .select(['version', 'saved_at'])
      .where('couple_id', '=', coupleId)
      .orderBy('version', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ version: Number(r.version), savedAt: Number(r.saved_at) }));
  }

  /**
   * Saves the content as the next version. Two saves at once: the second's insert hits the primary key and is
   * retried on the next number, so neither is lost.
   */
  async save(coupleId: string, therapistId: string, content: PlanContent, now: number): Promise<number> {
    const json = JSON.stringify(content);
    for (let attempt = 0; ; attempt++) {
      const latest = await this.ctx.db
        .selectFrom('plan_versions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('couple_id', '=', coupleId)
        .executeTakeFirst();
      const next = Number(latest?.v ?? 0) + 1;
      try {
        await this.ctx.db
          .insertInto('plan_versions')
          .values({ couple_id: coupleId, version: next, content: json, saved_by: therapistId, saved_at: now })
          .execute();
        return next;
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
  }

  async reviews(coupleId: string, limit: number): Promise<StoredReview[]> {
    const rows = await this.ctx.db
      .selectFrom('plan_reviews')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .orderBy('reviewed_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      planVersion: Number(r.plan_version),
      note: r.note,
      statuses: JSON.parse(r.statuses) as StoredReview['statuses'],
      reviewedAt: Number(r.reviewed_at),
    }));
  }

  async addReview(
    coupleId: string,
    therapistId: string,
    review: Omit<StoredReview, 'reviewedAt'>,
    now: number,
  ): Promise<void> {
    await this.ctx.db
      .insertInto('plan_reviews')
      .values({
        id: review.id,
        couple_id: coupleId,
        plan_version: review.planVersion,
        note: review.note,
        statuses: JSON.stringify(review.statuses),
        reviewed_by: therapistId,
        reviewed_at: now,
      })
      .execute();
  }

  /**
   * Every scored answer of the couple up to `until`, oldest first (no answers, only the score); only one
   * partner's when `partnerId` is given (narrowed in the query, for that partner's own charts).
   */
  async scores(coupleId: string, until: number, partnerId?: string): Promise<ScoreRow[]> {
    let q = this.ctx.db
      .selectFrom('measure_responses')
      .select(['partner_id', 'session_id', 'instrument_id', 'instrument_version', 'score', 'answered_at'])
      .where('couple_id', '=', coupleId)
      .where('score', 'is not', null)
      .where('answered_at', '<=', until);
    if (partnerId !== undefined) q = q.where('partner_id', '=', partnerId);
    const rows = await q.orderBy('answered_at').execute();
    return rows.map((r) => ({
      partnerId: r.partner_id,
      sessionId: r.session_id,
      instrumentId: r.instrument_id,
      instrumentVersion: Number(r.instrument_version),
      score: Number(r.score),
      answeredAt: Number(r.answered_at),
    }));
  }

  async conflicts(coupleId: string, until: number, partnerId?: string): Promise<ConflictRow[]> {
    let q = this.ctx.db
      .selectFrom('conflict_entries')
      .select(['partner_id', 'occurred_at', 'duration_min', 'repair_min', 'pause_used'])
      .where('couple_id', '=', coupleId)
      .where('occurred_at', '<=', until);
    if (partnerId !== undefined) q = q.where('partner_id', '=', partnerId);
    const rows = await q.orderBy('occurred_at').execute();
    const num = (v: number | null) => (v === null ? null : Number(v));
    return rows.map((r) => ({
      partnerId: r.partner_id,
      occurredAt: Number(r.occurred_at),
      durationMin: num(r.duration_min),
      repairMin: num(r.repair_min),
      pauseUsed: r.pause_used === null ? null : Number(r.pause_used) === 1,
    }));
  }

  async homework(coupleId: string) {
    const [homework, marks] = await Promise.all([
      this.ctx.db
        .selectFrom('homework')
        .select(['id', 'partner_id', 'repeat', 'created_at', 'due_at', 'closed_at'])
        .where('couple_id', '=', coupleId)
        .execute(),
      this.ctx.db
        .selectFrom('homework_marks')
        .innerJoin('homework', 'homework.id', 'homework_marks.homework_id')
        .select([
          'homework_marks.homework_id',
          'homework_marks.partner_id',
          'homework_marks.period',
          'homework_marks.done_at',
        ])
        .where('homework.couple_id', '=', coupleId)
        .execute(),
    ]);
    const num = (v: number | null) => (v === null ? null : Number(v));
    return {
      homework: homework.map((h) => ({
        id: h.id,
        partnerId: h.partner_id,
        repeat: h.repeat,
        createdAt: Number(h.created_at),
        dueAt: num(h.due_at),
        closedAt: num(h.closed_at),
      })),
      marks: marks.map((m) => ({
        homeworkId: m.homework_id,
        partnerId: m.partner_id,
        period: m.period,
        doneAt: num(m.done_at),
      })),
    };
  }
}

function stored(row: { version: number; saved_at: number; content: string }): StoredVersion {
  // Stored content was validated on save; parsing again keeps a hand-edited row from reaching a client.
  return {
    version: Number(row.version),
    savedAt: Number(row.saved_at),
    content: planContentSchema.parse(JSON.parse(row.content)),
  };
}
