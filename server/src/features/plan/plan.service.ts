/**
 * The treatment plan per couple and the progress against it, therapist-only (the couple must be theirs). Saving
 * writes a whole new version; statuses are computed on every read from the data, never stored except as a
 * review's snapshot.
 */
import { randomUUID } from 'node:crypto';
import {
  DAY_MS,
  DEFAULT_PROGRESS_DAYS,
  DEFAULT_REVIEW_INTERVAL_DAYS,
  PLAN_LIMITS,
  weeklyConflictMetrics,
  weeklyTaskCompletion,
  type InstrumentDefinition,
  type PlanContent,
  type PlanDto,
  type PlanVersionDto,
  type ProgressDto,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { badRequest, notFound } from '../../lib/errors.js';
import type { CouplesService } from '../couples/couples.service.js';
import type { InstrumentsService } from '../measures/instruments.service.js';
import { PlanStore } from './plan.store.js';
import { instrumentProgress, objectiveStatuses, type ProgressData, type Slot } from './progress.compute.js';

const iso = (ms: number) => new Date(ms).toISOString();
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const EMPTY: PlanContent = { reviewIntervalDays: DEFAULT_REVIEW_INTERVAL_DAYS, goals: [] };

export interface Period {
  from: number;
  /** The last millisecond of the last day. */
  to: number;
}

export class PlanService {
  private readonly store: PlanStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly couples: CouplesService,
    private readonly instruments: InstrumentsService,
  ) {
    this.store = new PlanStore(ctx);
  }

  /** The plan with each objective's status as of `asOf` (default: now). */
  async plan(therapistId: string, coupleId: string, asOf?: number): Promise<PlanDto> {
    const couple = await this.couples.get(therapistId, coupleId);
    const at = Math.min(asOf ?? Number.POSITIVE_INFINITY, this.ctx.clock.now());
    const [latest, versions, reviews, data] = await Promise.all([
      this.store.latest(coupleId),
      this.store.versions(coupleId, PLAN_LIMITS.versionsListed),
      this.store.reviews(coupleId, PLAN_LIMITS.reviewsListed),
      this.data(coupleId, couple.partners, at),
    ]);
    const content = latest?.content ?? EMPTY;
    return {
      coupleId,
      coupleName: couple.name,
      partners: couple.partners.map((p) => ({ slot: p.slot, name: p.displayName })),
      version: latest?.version ?? null,
      savedAt: latest ? iso(latest.savedAt) : null,
      content,
      statuses: objectiveStatuses(content, data, at),
      versions: versions.map((v) => ({ version: v.version, savedAt: iso(v.savedAt) })),
      reviews: reviews.map((r) => ({
        id: r.id,
        planVersion: r.planVersion,
        note: r.note,
        reviewedAt: iso(r.reviewedAt),
        statuses: r.statuses as PlanDto['reviews'][number]['statuses'],
      })),
    };
  }

  /** Saves the whole plan as a new version. Instrument objectives must name an instrument in use, in range. */
  async save(therapistId: string, coupleId: string, content: PlanContent): Promise<PlanDto> {
    await this.couples.get(therapistId, coupleId);
    for (const [gi, goal] of content.goals.entries()) {
      for (const [oi, o] of goal.objectives.entries()) {
        const where = `goals.${gi}.objectives.${oi}`;
        if (o.measure.kind === 'instrument') {
          const def = await this.instruments.newest(therapistId, o.measure.instrumentId);
          if (!def) throw badRequest(`${where}.measure.instrumentId: no such instrument`);
          if (o.target < def.range.min || o.target > def.range.max) {
            throw badRequest(`${where}.target: must be within ${def.range.min}-${def.range.max}`);
          }
        } else if (o.measure.kind === 'conflict' && o.target < 0) {
          throw badRequest(`${where}.target: must not be negative`);
        }
      }
    }
    await this.store.save(coupleId, therapistId, content, this.ctx.clock.now());
    return this.plan(therapistId, coupleId);
  }

  async version(therapistId: string, coupleId: string, version: number): Promise<PlanVersionDto> {
    await this.couples.get(therapistId, coupleId);
    const v = await this.store.version(coupleId, version);
    if (!v) throw notFound('No such plan version.');
    return { version: v.version, savedAt: iso(v.savedAt), content: v.content };
  }

  /** Keeps a review: the note, the version reviewed and the statuses now. */
  async addReview(therapistId: string, coupleId: string, note: string): Promise<PlanDto> {
    const current = await this.plan(therapistId, coupleId);
    if (current.version === null) throw badRequest('note: save the plan before reviewing it');
    await this.store.addReview(
      coupleId,
      therapistId,
      {
        id: randomUUID(),
        planVersion: current.version,
        note,
        statuses: current.statuses.map((s) => ({ objectiveId: s.objectiveId, status: s.status })),
      },
      this.ctx.clock.now(),
    );
    return this.plan(therapistId, coupleId);
  }

  /** The period asked for: whole days (UTC), `to` defaulting to today, `from` to DEFAULT_PROGRESS_DAYS before it. */
  period(q: { from?: string; to?: string }): Period {
    const today = new Date(this.ctx.clock.now()).toISOString().slice(0, 10);
    const to = dayMs(q.to ?? today) + DAY_MS - 1;
    const from = q.from ? dayMs(q.from) : to + 1 - DEFAULT_PROGRESS_DAYS * DAY_MS;
    return { from, to };
  }

  /** The progress page: the plan as of the period's end, each measure's series per partner, conflict and tasks. */
  async progress(therapistId: string, coupleId: string, period: Period): Promise<ProgressDto> {
    const couple = await this.couples.get(therapistId, coupleId);
    const asOf = Math.min(period.to, this.ctx.clock.now());
    const [plan, data] = await Promise.all([
      this.plan(therapistId, coupleId, asOf),
      this.data(coupleId, couple.partners, period.to),
    ]);
    const ids = new Set([
      ...data.scores.filter((r) => r.answeredAt >= period.from).map((r) => r.instrumentId),
      ...plan.content.goals.flatMap((g) =>
        g.objectives.flatMap((o) => (o.measure.kind === 'instrument' ? [o.measure.instrumentId] : [])),
      ),
    ]);
    const defs: InstrumentDefinition[] = [];
    for (const id of [...ids].sort()) {
      const def = await this.instruments.newest(therapistId, id);
      if (def) defs.push(def);
    }
    const weeks = (entries: typeof data.conflicts) =>
      weeklyConflictMetrics(entries, period.from, period.to).map((w) => ({
        ...w,
        weekStartIso: iso(w.weekStart).slice(0, 10),
      }));
    return {
      coupleId,
      coupleName: couple.name,
      partners: plan.partners,
      from: iso(period.from).slice(0, 10),
      to: iso(period.to).slice(0, 10),
      instruments: defs.map((d) => instrumentProgress(d, plan.content, data, period)),
      conflict: weeks(data.conflicts),
      conflictBy: {
        a: weeks(data.conflicts.filter((c) => data.slots.get(c.partnerId) === 'a')),
        b: weeks(data.conflicts.filter((c) => data.slots.get(c.partnerId) === 'b')),
      },
      tasks: weeklyTaskCompletion(data.homework, data.marks, [...data.slots.keys()], period.from, period.to),
      plan,
    };
  }

  private async data(coupleId: string, partners: { id: string; slot: Slot }[], until: number): Promise<ProgressData> {
    const [scores, conflicts, hw] = await Promise.all([
      this.store.scores(coupleId, until),
      this.store.conflicts(coupleId, until),
      this.store.homework(coupleId),
    ]);
    return {
      slots: new Map(partners.map((p) => [p.id, p.slot])),
      scores,
      conflicts,
      homework: hw.homework,
      marks: hw.marks,
    };
  }
}
