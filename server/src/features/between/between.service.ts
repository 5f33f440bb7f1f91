/**
 * The between-session space (issue 14). A partner (through their case cookie) reads and writes only their own:
 * their ticks and reflections, weekly ratings and conflict log; a task's text is theirs and, when set for both,
 * their partner's too. The therapist of the couple reads both partners' and sets and closes tasks. Every write is
 * validated (zod at the route, the instrument here), rate limited and audited (ids only).
 */
import { randomUUID } from 'node:crypto';
import {
  BETWEEN_LIMITS,
  ErrorCode,
  WEEKLY_RATINGS_ID,
  answerProblems,
  builtinInstrument,
  periodOf,
  scoreAnswers,
  weekOf,
  type BetweenMeDto,
  type BetweenOverviewDto,
  type ConflictEntryBody,
  type ConflictEntryDto,
  type HomeworkBody,
  type HomeworkDto,
  type HomeworkMarkBody,
  type InstrumentDefinition,
  type NextSessionDto,
  type ProgressNoteContent,
  type SessionHomeworkDto,
  type WeeklyAnswerBody,
  type WeeklyStateDto,
  sessionHeld,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { toIso } from '../../lib/clock.js';
import { AppError, badRequest, notFound } from '../../lib/errors.js';
import type { CouplesService } from '../couples/couples.service.js';
import { PartnersStore } from '../couples/partners.store.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { SummariesService } from '../summaries/summaries.service.js';
import { BetweenStore, conflictDto } from './between.store.js';
import type { CaseLinksService, CasePrincipal } from './caseLinks.service.js';

const DAY_MS = 86_400_000;

/** A partner, through their case link or a session link: what their own reads and ticks need. */
export type BetweenPartner = Pick<CasePrincipal, 'partnerId' | 'coupleId'>;

/** In follow-up the weekly ratings are asked at check-in dates only (features/followup): throws when not due. */
export interface WeeklyGate {
  assertWeeklyOpen(p: BetweenPartner, answeredThisWeek: boolean): Promise<void>;
}

function weeklyInstrument(): InstrumentDefinition {
  const def = builtinInstrument(WEEKLY_RATINGS_ID);
  if (!def) throw new Error('the weekly ratings instrument is missing');
  return def;
}

export class BetweenService {
  private readonly store: BetweenStore;
  private readonly partners: PartnersStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly couples: CouplesService,
    private readonly sessions: SessionsService,
    private readonly summaries: SummariesService,
    private readonly links: CaseLinksService,
    private readonly weeklyGate?: WeeklyGate,
  ) {
    this.store = new BetweenStore(ctx.db);
    this.partners = new PartnersStore(ctx.db);
  }

  // ---- the partner's own page ----

  async me(p: CasePrincipal): Promise<BetweenMeDto> {
    const now = this.ctx.clock.now();
    const partner = (await this.partners.ofCouple(p.coupleId)).find((x) => x.id === p.partnerId);
    if (!partner) throw notFound('No such partner.');
    const row = await this.ctx.db
      .selectFrom('couples')
      .innerJoin('therapists', 'therapists.id', 'couples.therapist_id')
      .select(['couples.name as couple_name', 'therapists.name as therapist_name'])
      .where('couples.id', '=', p.coupleId)
      .executeTakeFirstOrThrow();
    const [tasks, weekly, conflicts, summaries, nextSession] = await Promise.all([
      this.openTasks(p),
      this.weeklyState(p),
      this.store.conflicts(p.coupleId, p.partnerId),
      this.summaries.releasedFor(p),
      this.nextSession(p, now),
    ]);
    return {
      partner: { id: partner.id, displayName: partner.display_name, language: partner.language },
      coupleName: row.couple_name,
      therapistName: row.therapist_name,
      tasks,
      weekly,
      conflicts,
      summaries,
      nextSession,
    };
  }

  /** Ticks (or unticks) this period of a task and keeps the partner's reflection on it. */
  /** The partner's open tasks (theirs and both's), with their own marks only. */
  async openTasks(p: BetweenPartner): Promise<HomeworkDto[]> {
    const now = this.ctx.clock.now();
    return this.store.tasks(p.coupleId, now, {
      partnerId: p.partnerId,
      openOnly: true,
      limit: BETWEEN_LIMITS.openTasks,
    });
  }

  async mark(p: BetweenPartner, homeworkId: string, body: HomeworkMarkBody): Promise<HomeworkDto> {
    const task = await this.store.homework(homeworkId);
    const mine = task && task.couple_id === p.coupleId && (task.partner_id === null || task.partner_id === p.partnerId);
    if (!task || !mine) throw notFound('No such task.');
    if (task.closed_at !== null) throw new AppError(ErrorCode.CONFLICT, 'This task is closed.');
    const now = this.ctx.clock.now();
    const period = periodOf(task.repeat, now);
    const existing = await this.ctx.db
      .selectFrom('homework_marks')
      .select('done_at')
      .where('homework_id', '=', task.id)
      .where('partner_id', '=', p.partnerId)
      .where('period', '=', period)
      .executeTakeFirst();
    const doneAt = body.done ? (existing?.done_at ?? now) : null;
    await this.ctx.db
      .insertInto('homework_marks')
      .values({
        homework_id: task.id,
        partner_id: p.partnerId,
        period,
        done_at: doneAt,
        reflection: body.reflection,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['homework_id', 'partner_id', 'period'])
          .doUpdateSet({ done_at: doneAt, reflection: body.reflection, updated_at: now }),
      )
      .execute();
    await this.ctx.audit.record({
      actorType: 'partner',
      actorId: p.partnerId,
      action: 'homework.mark',
      targetId: task.id,
    });
    const [dto] = await this.store.withMarks([task], now, p.partnerId);
    if (!dto) throw notFound('No such task.');
    return dto;
  }

  async weeklyState(p: CasePrincipal): Promise<WeeklyStateDto> {
    const now = this.ctx.clock.now();
    const weekStart = weekOf(now);
    const [current] = await this.store.weekly(p.coupleId, p.partnerId, Date.parse(`${weekStart}T00:00:00Z`));
    return { weekStart, instrument: weeklyInstrument(), current: current ?? null };
  }

  /** This week's ratings: a new answer, or a change to the one given this week. */
  async answerWeekly(p: CasePrincipal, body: WeeklyAnswerBody): Promise<WeeklyStateDto> {
    const def = weeklyInstrument();
    if (body.instrumentId !== def.id || body.instrumentVersion !== def.version) {
      throw new AppError(ErrorCode.CONFLICT, 'These questions changed; reload them and answer again.');
    }
    if (Object.keys(body.answers).length === 0) throw badRequest('answers: rate at least one');
    const problems = answerProblems(def, body.answers);
    if (problems.length > 0) throw badRequest(problems.slice(0, 3).join('; '));
    const { score } = scoreAnswers(def, body.answers);
    const now = this.ctx.clock.now();
    const state = await this.weeklyState(p);
    await this.weeklyGate?.assertWeeklyOpen(p, state.current !== null);
    const json = JSON.stringify(body.answers);
    // One row per partner and week, held by the unique index: two devices answering at once update the same row.
    await this.ctx.db
      .insertInto('measure_responses')
      .values({
        id: randomUUID(),
        couple_id: p.coupleId,
        partner_id: p.partnerId,
        session_id: null,
        occasion: 'weekly',
        instrument_id: def.id,
        instrument_version: def.version,
        answers: json,
        score,
        answered_at: now,
        updated_at: now,
        period: Date.parse(`${state.weekStart}T00:00:00Z`),
      })
      .onConflict((oc) =>
        oc.columns(['partner_id', 'occasion', 'period']).doUpdateSet({ answers: json, score, updated_at: now }),
      )
      .execute();
    await this.ctx.audit.record({ actorType: 'partner', actorId: p.partnerId, action: 'weekly.answer' });
    return this.weeklyState(p);
  }

  async addConflict(p: CasePrincipal, body: ConflictEntryBody): Promise<ConflictEntryDto> {
    const now = this.ctx.clock.now();
    const id = randomUUID();
    const values = this.conflictValues(body, now);
    await this.ctx.db
      .insertInto('conflict_entries')
      .values({ id, couple_id: p.coupleId, partner_id: p.partnerId, ...values, created_at: now })
      .execute();
    await this.ctx.audit.record({ actorType: 'partner', actorId: p.partnerId, action: 'conflict.save', targetId: id });
    return this.ownConflict(p, id);
  }

  /** Only its author changes an entry; anyone else's (or an unknown id) is NOT_FOUND. */
  async updateConflict(p: CasePrincipal, id: string, body: ConflictEntryBody): Promise<ConflictEntryDto> {
    const res = await this.ctx.db
      .updateTable('conflict_entries')
      .set(this.conflictValues(body, this.ctx.clock.now()))
      .where('id', '=', id)
      .where('partner_id', '=', p.partnerId)
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) throw notFound('No such entry.');
    await this.ctx.audit.record({ actorType: 'partner', actorId: p.partnerId, action: 'conflict.save', targetId: id });
    return this.ownConflict(p, id);
  }

  async deleteConflict(p: CasePrincipal, id: string): Promise<null> {
    const res = await this.ctx.db
      .deleteFrom('conflict_entries')
      .where('id', '=', id)
      .where('partner_id', '=', p.partnerId)
      .executeTakeFirst();
    if (res.numDeletedRows === 0n) throw notFound('No such entry.');
    await this.ctx.audit.record({
      actorType: 'partner',
      actorId: p.partnerId,
      action: 'conflict.delete',
      targetId: id,
    });
    return null;
  }

  // ---- the therapist ----

  /** Both partners' ticks, reflections, weekly ratings and conflict log, and their links' state. */
  async overview(therapistId: string, coupleId: string): Promise<BetweenOverviewDto> {
    const couple = await this.couples.get(therapistId, coupleId);
    const now = this.ctx.clock.now();
    const [links, tasks, weekly, conflicts] = await Promise.all([
      this.links.list(therapistId, coupleId),
      this.store.tasks(coupleId, now, { limit: BETWEEN_LIMITS.overviewRows }),
      this.store.weekly(coupleId),
      this.store.conflicts(coupleId),
    ]);
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'between.view',
      targetId: coupleId,
    });
    return {
      partners: couple.partners.map((p) => ({ id: p.id, slot: p.slot, displayName: p.displayName })),
      links,
      tasks,
      weekly,
      conflicts,
    };
  }

  /** The tasks agreed at a session, and the last ones before it with each partner's marks (for the check-in). */
  async sessionHomework(therapistId: string, sessionId: string): Promise<SessionHomeworkDto> {
    const session = await this.sessions.ownedRow(therapistId, sessionId);
    const now = this.ctx.clock.now();
    const agreed = await this.store.tasks(session.couple_id, now, { sessionId, limit: BETWEEN_LIMITS.openTasks });
    // Tasks set before this session began (or before now, for one not started yet).
    const anchor = Number(session.started_at ?? session.ended_at ?? now);
    const last = await this.ctx.db
      .selectFrom('homework')
      .select(['session_id', 'created_at'])
      .where('couple_id', '=', session.couple_id)
      .where('created_at', '<', anchor)
      .where((eb) => eb.or([eb('session_id', 'is', null), eb('session_id', '!=', sessionId)]))
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    let previous: HomeworkDto[] = [];
    if (last) {
      const rows = await this.ctx.db
        .selectFrom('homework')
        .selectAll()
        .where('couple_id', '=', session.couple_id)
        .where((eb) =>
          last.session_id === null ? eb('created_at', '=', last.created_at) : eb('session_id', '=', last.session_id),
        )
        .orderBy('created_at', 'desc')
        .limit(BETWEEN_LIMITS.openTasks)
        .execute();
      previous = await this.store.withMarks(rows, now);
    }
    const note = await this.ctx.db
      .selectFrom('progress_notes')
      .select('content')
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    const task = note ? ((JSON.parse(note.content) as ProgressNoteContent).fields.task ?? '').trim() : '';
    if (previous.some((t) => t.marks.length > 0)) {
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: therapistId,
        action: 'between.view',
        sessionId,
      });
    }
    return { sessionId, agreed, previous, suggestedText: task === '' ? null : task.slice(0, BETWEEN_LIMITS.taskChars) };
  }

  async addHomework(therapistId: string, sessionId: string, body: HomeworkBody): Promise<SessionHomeworkDto> {
    const session = await this.sessions.ownedRow(therapistId, sessionId);
    if (!sessionHeld(session.status)) {
      throw new AppError(ErrorCode.CONFLICT, 'This session has not taken place yet.');
    }
    if (body.partnerId !== null) {
      const partner = (await this.partners.ofCouple(session.couple_id)).find((x) => x.id === body.partnerId);
      if (!partner) throw badRequest('partnerId: not a partner of this couple');
      if (session.kind === 'individual' && session.partner_id !== body.partnerId) {
        throw badRequest('partnerId: not the partner of this individual session');
      }
    } else if (session.kind === 'individual') {
      throw badRequest('partnerId: an individual session’s task is for its partner');
    }
    const now = this.ctx.clock.now();
    const id = randomUUID();
    await this.ctx.db
      .insertInto('homework')
      .values({
        id,
        couple_id: session.couple_id,
        session_id: session.id,
        partner_id: body.partnerId,
        text: body.text.trim(),
        due_at: body.dueAt === null ? null : Date.parse(body.dueAt),
        repeat: body.repeat,
        created_at: now,
        closed_at: null,
      })
      .execute();
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'homework.create',
      sessionId,
      targetId: id,
    });
    return this.sessionHomework(therapistId, sessionId);
  }

  /** The therapist closes a task: it leaves the partners' pages, its marks stay. */
  async closeHomework(therapistId: string, homeworkId: string): Promise<HomeworkDto> {
    const task = await this.store.homework(homeworkId);
    if (!task) throw notFound('No such task.');
    await this.couples.get(therapistId, task.couple_id);
    const now = this.ctx.clock.now();
    await this.ctx.db
      .updateTable('homework')
      .set({ closed_at: now })
      .where('id', '=', homeworkId)
      .where('closed_at', 'is', null)
      .execute();
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'homework.close',
      targetId: homeworkId,
    });
    const fresh = await this.store.homework(homeworkId);
    const [dto] = await this.store.withMarks(fresh ? [fresh] : [], now);
    if (!dto) throw notFound('No such task.');
    return dto;
  }

  // ---- helpers ----

  private conflictValues(body: ConflictEntryBody, now: number) {
    const at = Date.parse(body.occurredAt);
    if (at > now + BETWEEN_LIMITS.conflictFutureDays * DAY_MS) throw badRequest('occurredAt: is in the future');
    if (at < now - BETWEEN_LIMITS.conflictPastDays * DAY_MS) throw badRequest('occurredAt: is too long ago');
    return {
      occurred_at: at,
      duration_min: body.durationMin,
      repair_min: body.repairMin,
      pause_used: body.pauseUsed === null ? null : body.pauseUsed ? 1 : 0,
      helped: body.helped,
      updated_at: now,
    };
  }

  private async ownConflict(p: CasePrincipal, id: string): Promise<ConflictEntryDto> {
    const row = await this.ctx.db
      .selectFrom('conflict_entries')
      .selectAll()
      .where('id', '=', id)
      .where('partner_id', '=', p.partnerId)
      .executeTakeFirst();
    if (!row) throw notFound('No such entry.');
    return conflictDto(row);
  }

  /** The couple's next scheduled session this partner takes part in (joint, or their own individual one). */
  private async nextSession(p: CasePrincipal, now: number): Promise<NextSessionDto | null> {
    const row = await this.ctx.db
      .selectFrom('sessions')
      .select(['scheduled_at', 'duration_minutes', 'kind'])
      .where('couple_id', '=', p.coupleId)
      .where('status', '=', 'scheduled')
      .where('scheduled_at', 'is not', null)
      .where('scheduled_at', '>', now)
      .where((eb) =>
        eb.or([eb('kind', '=', 'joint'), eb.and([eb('kind', '=', 'individual'), eb('partner_id', '=', p.partnerId)])]),
      )
      .orderBy('scheduled_at')
      .limit(1)
      .executeTakeFirst();
    if (!row || row.scheduled_at === null) return null;
    return { at: toIso(Number(row.scheduled_at)) ?? '', minutes: row.duration_minutes, kind: row.kind };
  }
}
