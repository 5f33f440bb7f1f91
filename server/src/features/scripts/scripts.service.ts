import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  builtinScript,
  isExpired,
  SCRIPT_LIBRARY,
  type ScriptBody,
  type ScriptDto,
  type ScriptRunView,
  type ScriptStartPayload,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { AppError, badRequest, forbidden, notFound } from '../../lib/errors.js';
import type { Publisher } from '../../realtime/publisher.js';
import type { SocketData } from '../../realtime/types.js';
import { Deadlines } from '../timers/deadlines.js';
import { ParticipantsStore } from '../sessions/participants.store.js';
import {
  endRun,
  markSpeakerDone,
  nextStep,
  previousStep,
  setPaused,
  settleRun,
  speakerOf,
  startRun,
  structureOf,
  swapRoles,
} from './runner.js';
import { ScriptsStore } from './scripts.store.js';

type Transition = (run: ScriptRunView, now: number) => ScriptRunView;

/**
 * The script library (built-ins plus each therapist's own) and the live runner. A run is a row in storage;
 * this instance holds only the wake-up for the current turn timer and a per-session queue of changes. Changes to
 * one session's run are serialized across processes too: on PostgreSQL each runs in a transaction holding the
 * session's row lock (`serial`), so concurrent steps from two processes apply exactly once each, in order.
 */
export class ScriptsService {
  private readonly deadlines: Deadlines;
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly participants: ParticipantsStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly publisher: Publisher,
    private readonly store: ScriptsStore,
  ) {
    this.deadlines = new Deadlines(ctx.clock, (err, key) => ctx.logger.error({ err, key }, 'turn deadline failed'));
    this.participants = new ParticipantsStore(ctx.db);
  }

  // ---- library (REST) ----

  async list(therapistId: string): Promise<ScriptDto[]> {
    return [...SCRIPT_LIBRARY, ...(await this.store.list(therapistId))];
  }

  async get(therapistId: string, id: string): Promise<ScriptDto> {
    const script = builtinScript(id) ?? (await this.store.get(therapistId, id));
    if (!script) throw notFound('No such script.');
    return script;
  }

  async create(therapistId: string, body: ScriptBody): Promise<ScriptDto> {
    const now = this.ctx.clock.now();
    return this.store.insert({
      id: randomUUID(),
      therapist_id: therapistId,
      language: body.language,
      content: JSON.stringify(body.content),
      created_at: now,
      updated_at: now,
    });
  }

  async update(therapistId: string, id: string, body: ScriptBody): Promise<ScriptDto> {
    if (builtinScript(id)) throw forbidden('Built-in scripts cannot be changed; duplicate one instead.');
    const ok = await this.store.update(therapistId, id, {
      language: body.language,
      content: JSON.stringify(body.content),
      updated_at: this.ctx.clock.now(),
    });
    if (!ok) throw notFound('No such script.');
    return this.get(therapistId, id);
  }

  async remove(therapistId: string, id: string): Promise<void> {
    if (builtinScript(id)) throw forbidden('Built-in scripts cannot be deleted.');
    if (!(await this.store.remove(therapistId, id))) throw notFound('No such script.');
  }

  // ---- runner (Socket.IO) ----

  /** After a (re)start: arm every live run's turn timer (expired ones are settled on the spot). */
  async resumeAll(): Promise<void> {
    for (const { sessionId, run } of await this.store.allLiveRuns()) await this.arm(sessionId, run);
  }

  async state(sessionId: string): Promise<ScriptRunView | null> {
    const run = await this.store.liveRun(sessionId);
    if (!run) return null;
    return this.settle(sessionId, run);
  }

  async start(d: SocketData, payload: ScriptStartPayload): Promise<ScriptRunView> {
    return this.serial(d.sessionId, async (store) => {
      const script = await this.get(d.therapistId, payload.scriptId);
      const language = script.language;
      const content = script.contents[language];
      if (!content) throw badRequest('The script has no content.');
      const partnerIds = new Set(await this.participants.partnerIds(d.sessionId));
      const roles = content.roles.map((r) => r.id);
      for (const role of roles) {
        const partner = payload.assignments[role];
        if (!partner) throw badRequest(`assignments.${role}: every role needs a partner`);
        if (!partnerIds.has(partner)) throw badRequest(`assignments.${role}: not a partner in this session`);
      }
      if (Object.keys(payload.assignments).some((k) => !roles.includes(k))) {
        throw badRequest('assignments: names a role the script does not have');
      }
      // Never one person as speaker and listener (so no two-role script runs in an individual session).
      if (new Set(roles.map((role) => payload.assignments[role])).size !== roles.length) {
        throw badRequest('assignments: each role needs a different partner');
      }
      const now = this.ctx.clock.now();
      const previous = await store.liveRun(d.sessionId);
      if (previous) await store.saveRun(d.sessionId, endRun(previous, now), now);
      const run = startRun(
        {
          id: randomUUID(),
          scriptId: script.id,
          language,
          contents: script.contents,
          assignments: payload.assignments,
        },
        now,
      );
      await store.insertRun(d.sessionId, run, now);
      return this.publish(d.sessionId, run);
    });
  }

  next = (d: SocketData) => this.change(d.sessionId, nextStep);
  back = (d: SocketData) => this.change(d.sessionId, previousStep);
  swap = (d: SocketData) => this.change(d.sessionId, swapRoles);
  end = (d: SocketData) => this.change(d.sessionId, endRun);
  pause = (d: SocketData, paused: boolean) => this.change(d.sessionId, (run, now) => setPaused(run, paused, now));

  /** Only the current speaker may say they are done. */
  async done(d: SocketData): Promise<ScriptRunView> {
    return this.change(d.sessionId, (run, now) => {
      if (speakerOf(run) !== d.personId) throw forbidden('Only the current speaker can finish this turn.');
      return markSpeakerDone(run, now);
    });
  }

  /** Every run of the session (steps reached, timings); a run left open when the session ended is closed then. */
  async runs(sessionId: string): Promise<ScriptRunView[]> {
    const session = await this.ctx.db
      .selectFrom('sessions')
      .select(['status', 'ended_at'])
      .where('id', '=', sessionId)
      .executeTakeFirst();
    if (session?.status === 'ended' && session.ended_at !== null) {
      const endedAt = Number(session.ended_at);
      await this.serial(sessionId, async (store) => {
        const live = await store.liveRun(sessionId);
        if (live) await store.saveRun(sessionId, endRun(live, endedAt), this.ctx.clock.now());
      });
      this.deadlines.clear(`turn:${sessionId}`);
    }
    return this.store.runs(sessionId);
  }

  /** The pause card stops the turn timer; the therapist resumes the script when everyone is back. */
  async onPauseChange(sessionId: string, pausing: boolean): Promise<void> {
    if (!pausing) return;
    const run = await this.store.liveRun(sessionId);
    if (run?.status === 'running') await this.change(sessionId, (r, now) => setPaused(r, true, now));
  }

  close(): void {
    this.deadlines.close();
  }

  private async change(sessionId: string, transition: Transition): Promise<ScriptRunView> {
    return this.serial(sessionId, async (store) => {
      const current = await store.liveRun(sessionId);
      if (!current) throw new AppError(ErrorCode.CONFLICT, 'No script is running.');
      const now = this.ctx.clock.now();
      const next = transition(settleRun(current, now), now);
      if (next === current) return current;
      await store.saveRun(sessionId, next, now);
      return this.publish(sessionId, next);
    });
  }

  private async settle(sessionId: string, run: ScriptRunView): Promise<ScriptRunView> {
    const now = this.ctx.clock.now();
    if (!isExpired(run.turnTimer, now)) return run;
    return this.change(sessionId, (r) => r);
  }

  private publish(sessionId: string, run: ScriptRunView): ScriptRunView {
    if (run.status === 'ended') this.deadlines.clear(`turn:${sessionId}`);
    else
      this.arm(sessionId, run).catch((err: unknown) =>
        this.ctx.logger.error({ err, sessionId }, 'script turn not armed'),
      );
    this.publisher.toRoom(sessionId).emit('script:update', run);
    return run;
  }

  private async arm(sessionId: string, run: ScriptRunView): Promise<void> {
    const key = `turn:${sessionId}`;
    const t = run.turnTimer;
    if (t.status !== 'running' || t.deadline === null) return this.deadlines.clear(key);
    if (isExpired(t, this.ctx.clock.now())) return this.settleTurn(sessionId);
    this.deadlines.set(key, t.deadline, () => this.settleTurn(sessionId));
  }

  /**
   * A turn's time is up. Every process that armed the turn wakes up; the first settles it, the others find it
   * settled (read under the session's lock) and do nothing.
   */
  private settleTurn(sessionId: string): Promise<void> {
    return this.serial(sessionId, async (store) => {
      const fresh = await store.liveRun(sessionId);
      const now = this.ctx.clock.now();
      if (!fresh || !isExpired(fresh.turnTimer, now)) return;
      const settled = settleRun(fresh, now);
      if (await store.saveRun(sessionId, settled, now)) this.publisher.toRoom(sessionId).emit('script:update', settled);
    });
  }

  /**
   * One change at a time per session: queued on this process, and on PostgreSQL also across processes, inside a
   * transaction that holds the session's row lock while it reads the run, changes it, saves it and publishes it
   * (published under the lock, so two processes' updates go out in the order they were applied). On SQLite the
   * process is alone and its queue is enough.
   */
  private serial<T>(sessionId: string, fn: (store: ScriptsStore) => Promise<T>): Promise<T> {
    const locked = (): Promise<T> =>
      this.ctx.config.databaseUrl === undefined
        ? fn(this.store)
        : this.ctx.db.transaction().execute(async (trx) => {
            await trx.selectFrom('sessions').select('id').where('id', '=', sessionId).forUpdate().executeTakeFirst();
            return fn(new ScriptsStore(trx));
          });
    const prev = this.queues.get(sessionId) ?? Promise.resolve();
    const run = prev.then(locked, locked);
    const tail = run.catch(() => undefined);
    this.queues.set(sessionId, tail);
    void tail.then(() => {
      if (this.queues.get(sessionId) === tail) this.queues.delete(sessionId);
    });
    return run;
  }
}

export { structureOf };
