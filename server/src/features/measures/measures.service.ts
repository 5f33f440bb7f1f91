/**
 * The check-in and check-out inside a live session (issue 14). State lives in storage: `session_measures` (open or
 * closed, which instrument version) and `measure_responses` (each partner's answers and score). The check-in opens
 * when the session has started, the check-out `CHECK_OUT_LEAD_MS` before the planned end (a wake-up per live
 * session; on first access after a restart it catches up). Answers go to their partner's audience only.
 */
import { randomUUID } from 'node:crypto';
import {
  BUILTIN_INSTRUMENT_PREFIX,
  CHECK_OUT_LEAD_MS,
  ErrorCode,
  SESSION_INSTRUMENT,
  SESSION_OCCASIONS,
  answerProblems,
  builtinInstrument,
  scoreAnswers,
  type InstrumentDefinition,
  type MeasureAnswerPayload,
  type MeasureAnswers,
  type MeasureResponseDto,
  type MeasuresRoomState,
  type MeasuresView,
  type SessionOccasion,
  type SessionOccasionView,
  sessionClosed,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { MeasureResponsesTable, SessionMeasuresTable } from '../../db/schema.js';
import { toIso } from '../../lib/clock.js';
import { AppError, badRequest, forbidden, notFound } from '../../lib/errors.js';
import type { Publisher } from '../../realtime/publisher.js';
import type { SocketData } from '../../realtime/types.js';
import { Deadlines } from '../timers/deadlines.js';
import type { InstrumentsService } from './instruments.service.js';

const MINUTE = 60_000;

export function responseDto(row: MeasureResponsesTable): MeasureResponseDto {
  return {
    id: row.id,
    sessionId: row.session_id,
    occasion: row.occasion as SessionOccasion,
    instrumentId: row.instrument_id,
    instrumentVersion: Number(row.instrument_version),
    partnerId: row.partner_id,
    answers: JSON.parse(row.answers) as MeasureAnswers,
    score: row.score === null ? null : Number(row.score),
    answeredAt: toIso(Number(row.answered_at)) ?? '',
    updatedAt: toIso(Number(row.updated_at)) ?? '',
  };
}

function occasionView(occasion: SessionOccasion, row: SessionMeasuresTable | undefined): SessionOccasionView {
  const def = builtinInstrument(SESSION_INSTRUMENT[occasion]);
  return {
    occasion,
    status: row?.status ?? 'pending',
    instrumentId: row?.instrument_id ?? def?.id ?? '',
    instrumentVersion: row ? Number(row.instrument_version) : (def?.version ?? 1),
    openedAt: row?.opened_at == null ? null : Number(row.opened_at),
    closedAt: row?.closed_at == null ? null : Number(row.closed_at),
    openedBy: row ? (row.opened_by === 'auto' ? 'auto' : 'therapist') : null,
  };
}

/** What the service needs to know about the asker (a socket's data, or a therapist over REST). */
type Asker = Pick<SocketData, 'sessionId' | 'therapistId' | 'role' | 'partnerId' | 'coupleId'>;

export class MeasuresService {
  private readonly deadlines: Deadlines;

  constructor(
    private readonly ctx: AppContext,
    private readonly publisher: Publisher,
    private readonly instruments: InstrumentsService,
  ) {
    this.deadlines = new Deadlines(ctx.clock, (err, key) => ctx.logger.error({ err, key }, 'measures deadline failed'));
  }

  /** After a (re)start: catch up every live session (open what is due, wake up for the check-out). */
  async resumeAll(): Promise<void> {
    const live = await this.ctx.db.selectFrom('sessions').select('id').where('status', '=', 'live').execute();
    for (const s of live) {
      if (await this.catchUp(s.id)) await this.broadcast(s.id);
    }
  }

  /** The occasions, their instruments and the answers this person may see (a partner: only their own). */
  async view(who: Asker): Promise<MeasuresView> {
    const state = (await this.catchUp(who.sessionId))
      ? await this.broadcast(who.sessionId)
      : await this.roomState(who.sessionId);
    const instruments: InstrumentDefinition[] = [];
    for (const o of state.occasions) {
      const def = await this.instruments.definition(who.therapistId, o.instrumentId, o.instrumentVersion);
      if (def && !instruments.some((d) => d.id === def.id && d.version === def.version)) instruments.push(def);
    }
    let query = this.ctx.db.selectFrom('measure_responses').selectAll().where('session_id', '=', who.sessionId);
    if (who.role === 'partner') {
      if (!who.partnerId) throw forbidden();
      query = query.where('partner_id', '=', who.partnerId);
    }
    const rows = await query.orderBy('answered_at').execute();
    if (who.role === 'therapist' && rows.length > 0) {
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: who.therapistId,
        action: 'measures.read_by_therapist',
        sessionId: who.sessionId,
      });
    }
    return { ...state, instruments, responses: rows.map(responseDto) };
  }

  /** A partner answers (or changes their answer) while the occasion is open. */
  async answer(who: Asker, payload: MeasureAnswerPayload): Promise<MeasureResponseDto> {
    const partnerId = who.partnerId;
    if (who.role !== 'partner' || !partnerId) throw forbidden('Only partners answer the check-in.');
    await this.ctx.limits.consume('measureAnswersPerPartner', partnerId);
    await this.requireLive(who.sessionId);
    await this.catchUp(who.sessionId);
    const row = await this.occasionRow(who.sessionId, payload.occasion);
    if (row?.status !== 'open') throw new AppError(ErrorCode.CONFLICT, 'This is not open right now.');
    if (row.instrument_id !== payload.instrumentId || Number(row.instrument_version) !== payload.instrumentVersion) {
      throw new AppError(ErrorCode.CONFLICT, 'These questions changed; reload them and answer again.');
    }
    const def = await this.instruments.require(who.therapistId, row.instrument_id, Number(row.instrument_version));
    if (def.respondent !== 'partner') throw forbidden('The therapist answers this one.');
    // An empty line is no answer.
    const answers = Object.fromEntries(Object.entries(payload.answers).filter(([, v]) => v !== ''));
    const problems = answerProblems(def, answers);
    if (problems.length > 0) throw badRequest(problems.slice(0, 3).join('; '));
    const { score } = scoreAnswers(def, answers);
    const now = this.ctx.clock.now();
    const json = JSON.stringify(answers);
    await this.ctx.db
      .insertInto('measure_responses')
      .values({
        id: randomUUID(),
        couple_id: who.coupleId,
        partner_id: partnerId,
        session_id: who.sessionId,
        occasion: payload.occasion,
        instrument_id: def.id,
        instrument_version: def.version,
        answers: json,
        score,
        answered_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['session_id', 'occasion', 'partner_id']).doUpdateSet({
          answers: json,
          score,
          instrument_id: def.id,
          instrument_version: def.version,
          updated_at: now,
        }),
      )
      .execute();
    const stored = await this.ctx.db
      .selectFrom('measure_responses')
      .selectAll()
      .where('session_id', '=', who.sessionId)
      .where('occasion', '=', payload.occasion)
      .where('partner_id', '=', partnerId)
      .executeTakeFirstOrThrow();
    const dto = responseDto(stored);
    // Audience partner:<id>: this partner's devices and the therapist. Never the room.
    this.publisher.toPartner(who.sessionId, partnerId).emit('measures:response', dto);
    return dto;
  }

  /**
   * Therapist: open an occasion now (again, if it was closed), with Tandem's instrument or, by `instrumentId`, the
   * latest version of one the practice imported for this occasion. Opening the check-out closes the check-in.
   */
  async openOccasion(who: Asker, occasion: SessionOccasion, instrumentId?: string): Promise<MeasuresRoomState> {
    await this.therapistAction(who);
    await this.requireLive(who.sessionId);
    await this.catchUp(who.sessionId);
    const now = this.ctx.clock.now();
    const current = await this.occasionRow(who.sessionId, occasion);
    // Without a choice, an occasion opened before keeps its questions.
    const def =
      instrumentId === undefined && current
        ? await this.instruments.require(who.therapistId, current.instrument_id, Number(current.instrument_version))
        : await this.instrumentFor(who, occasion, instrumentId);
    const changes =
      current !== undefined && (current.instrument_id !== def.id || Number(current.instrument_version) !== def.version);
    if (changes) {
      const answered = await this.ctx.db
        .selectFrom('measure_responses')
        .select('id')
        .where('session_id', '=', who.sessionId)
        .where('occasion', '=', occasion)
        .executeTakeFirst();
      if (answered) throw new AppError(ErrorCode.CONFLICT, 'Someone already answered this with other questions.');
    }
    await this.ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('session_measures')
        .values({
          session_id: who.sessionId,
          occasion,
          status: 'open',
          instrument_id: def.id,
          instrument_version: def.version,
          opened_at: now,
          closed_at: null,
          opened_by: who.therapistId,
        })
        .onConflict((oc) =>
          oc.columns(['session_id', 'occasion']).doUpdateSet({
            status: 'open',
            opened_at: now,
            closed_at: null,
            opened_by: who.therapistId,
            instrument_id: def.id,
            instrument_version: def.version,
          }),
        )
        .execute();
      if (occasion === 'check-out') {
        await trx
          .updateTable('session_measures')
          .set({ status: 'closed', closed_at: now })
          .where('session_id', '=', who.sessionId)
          .where('occasion', '=', 'check-in')
          .where('status', '=', 'open')
          .execute();
      }
    });
    this.deadlines.clear(`checkout:${who.sessionId}`);
    await this.audit(who, 'measures.open');
    return this.broadcast(who.sessionId);
  }

  /** The built-in instrument of an occasion, or a practice-imported one made for it (its latest version). */
  private async instrumentFor(
    who: Asker,
    occasion: SessionOccasion,
    instrumentId: string | undefined,
  ): Promise<InstrumentDefinition> {
    const builtin = builtinInstrument(SESSION_INSTRUMENT[occasion]);
    if (instrumentId === undefined || instrumentId === builtin?.id) {
      if (!builtin) throw notFound('No such instrument.');
      return builtin;
    }
    const def = instrumentId.startsWith(BUILTIN_INSTRUMENT_PREFIX)
      ? undefined
      : await this.instruments.newest(who.therapistId, instrumentId);
    if (!def) throw notFound('No such instrument.');
    if (!def.occasions.includes(occasion)) throw badRequest(`instrumentId: not made for the ${occasion}`);
    if (def.respondent !== 'partner') throw badRequest('instrumentId: the partners do not answer this one');
    return def;
  }

  /** Therapist: close an occasion; the answers stay. A pending one is closed before it opens. */
  async closeOccasion(who: Asker, occasion: SessionOccasion): Promise<MeasuresRoomState> {
    await this.therapistAction(who);
    await this.catchUp(who.sessionId);
    const now = this.ctx.clock.now();
    const def = builtinInstrument(SESSION_INSTRUMENT[occasion]);
    if (!def) throw notFound('No such instrument.');
    await this.ctx.db
      .insertInto('session_measures')
      .values({
        session_id: who.sessionId,
        occasion,
        status: 'closed',
        instrument_id: def.id,
        instrument_version: def.version,
        opened_at: null,
        closed_at: now,
        opened_by: who.therapistId,
      })
      .onConflict((oc) => oc.columns(['session_id', 'occasion']).doUpdateSet({ status: 'closed', closed_at: now }))
      .execute();
    if (occasion === 'check-out') this.deadlines.clear(`checkout:${who.sessionId}`);
    await this.audit(who, 'measures.close');
    return this.broadcast(who.sessionId);
  }

  /** For the session record (therapist-only): the occasions, the instruments used and every answer. */
  async ofSession(therapistId: string, sessionId: string): Promise<MeasuresView> {
    const rows = await this.ctx.db
      .selectFrom('session_measures')
      .selectAll()
      .where('session_id', '=', sessionId)
      .execute();
    const responses = await this.ctx.db
      .selectFrom('measure_responses')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('answered_at')
      .execute();
    const occasions = SESSION_OCCASIONS.map((o) =>
      occasionView(
        o,
        rows.find((r) => r.occasion === o),
      ),
    );
    const instruments: InstrumentDefinition[] = [];
    const used = [
      ...occasions.map((o) => [o.instrumentId, o.instrumentVersion] as const),
      ...responses.map((r) => [r.instrument_id, Number(r.instrument_version)] as const),
    ];
    for (const [id, version] of used) {
      if (instruments.some((d) => d.id === id && d.version === version)) continue;
      const def = await this.instruments.definition(therapistId, id, version);
      if (def) instruments.push(def);
    }
    return { occasions, instruments, responses: responses.map(responseDto) };
  }

  close(): void {
    this.deadlines.close();
  }

  private async roomState(sessionId: string): Promise<MeasuresRoomState> {
    const rows = await this.ctx.db
      .selectFrom('session_measures')
      .selectAll()
      .where('session_id', '=', sessionId)
      .execute();
    return {
      occasions: SESSION_OCCASIONS.map((o) =>
        occasionView(
          o,
          rows.find((r) => r.occasion === o),
        ),
      ),
    };
  }

  private async broadcast(sessionId: string): Promise<MeasuresRoomState> {
    const state = await this.roomState(sessionId);
    // Audience `room`: whether each occasion is open, nothing about anyone's answers.
    this.publisher.toRoom(sessionId).emit('measures:update', state);
    return state;
  }

  private async therapistAction(who: Asker): Promise<void> {
    if (who.role !== 'therapist') throw forbidden('Only the therapist opens and closes the check-in.');
    await this.ctx.limits.consume('measureActionsPerPerson', `therapist:${who.therapistId}`);
  }

  private async requireLive(sessionId: string): Promise<void> {
    const s = await this.ctx.db.selectFrom('sessions').select('status').where('id', '=', sessionId).executeTakeFirst();
    if (!s) throw notFound('No such session.');
    if (sessionClosed(s.status)) throw new AppError(ErrorCode.SESSION_ENDED, 'This session has ended.');
    if (s.status !== 'live') throw new AppError(ErrorCode.CONFLICT, 'This session has not started.');
  }

  private occasionRow(sessionId: string, occasion: SessionOccasion): Promise<SessionMeasuresTable | undefined> {
    return this.ctx.db
      .selectFrom('session_measures')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('occasion', '=', occasion)
      .executeTakeFirst();
  }

  /** Opens what the session's clock says is due (only the node whose insert lands); true when something opened. */
  private async catchUp(sessionId: string): Promise<boolean> {
    const s = await this.ctx.db
      .selectFrom('sessions')
      .select(['status', 'started_at', 'duration_minutes'])
      .where('id', '=', sessionId)
      .executeTakeFirst();
    if (!s || s.status !== 'live' || s.started_at === null) {
      this.deadlines.clear(`checkout:${sessionId}`);
      return false;
    }
    const start = Number(s.started_at);
    const now = this.ctx.clock.now();
    const checkOutAt = Math.max(start, start + s.duration_minutes * MINUTE - CHECK_OUT_LEAD_MS);
    const rows = await this.ctx.db
      .selectFrom('session_measures')
      .select('occasion')
      .where('session_id', '=', sessionId)
      .execute();
    const has = (o: SessionOccasion) => rows.some((r) => r.occasion === o);
    let changed = false;
    if (!has('check-in') && now < checkOutAt) changed = (await this.autoOpen(sessionId, 'check-in', start)) || changed;
    if (!has('check-out')) {
      if (now >= checkOutAt) {
        if (await this.autoOpen(sessionId, 'check-out', checkOutAt)) {
          changed = true;
          await this.ctx.db
            .updateTable('session_measures')
            .set({ status: 'closed', closed_at: checkOutAt })
            .where('session_id', '=', sessionId)
            .where('occasion', '=', 'check-in')
            .where('status', '=', 'open')
            .execute();
        }
      } else {
        this.deadlines.set(`checkout:${sessionId}`, checkOutAt, async () => {
          if (await this.catchUp(sessionId)) await this.broadcast(sessionId);
        });
      }
    }
    return changed;
  }

  private async autoOpen(sessionId: string, occasion: SessionOccasion, at: number): Promise<boolean> {
    const def = builtinInstrument(SESSION_INSTRUMENT[occasion]);
    if (!def) return false;
    const res = await this.ctx.db
      .insertInto('session_measures')
      .values({
        session_id: sessionId,
        occasion,
        status: 'open',
        instrument_id: def.id,
        instrument_version: def.version,
        opened_at: at,
        closed_at: null,
        opened_by: 'auto',
      })
      .onConflict((oc) => oc.columns(['session_id', 'occasion']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  private async audit(who: Asker, action: 'measures.open' | 'measures.close'): Promise<void> {
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: who.therapistId,
      action,
      sessionId: who.sessionId,
    });
  }
}
