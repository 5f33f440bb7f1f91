import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  extendTimer,
  isExpired,
  startTimer,
  type PauseCallPayload,
  type PauseExercise,
  type PauseRecord,
  type PauseSettings,
  type PauseSettingsPayload,
  type PauseView,
  type SessionClockView,
  type TimersView,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { AppError, badRequest, forbidden, notFound } from '../../lib/errors.js';
import type { Publisher } from '../../realtime/publisher.js';
import type { SocketData } from '../../realtime/types.js';
import { PartnersStore } from '../couples/partners.store.js';
import { Deadlines } from './deadlines.js';
import { timerColumns, timerOfRow, type PauseRow, type TimersStore } from './timers.store.js';

const MINUTE = 60_000;

/** Who may listen for a pause change (a hook for features such as scripts that stop their own timers). */
export type PauseListener = (sessionId: string, pausing: boolean) => Promise<void>;

/**
 * The session clock and the pause card. State lives in storage (deadline + status); this instance only holds
 * wake-ups for deadlines, and finishes a pause that expired while nobody was watching on first access.
 */
export class TimersService {
  private readonly deadlines: Deadlines;
  private readonly listeners: PauseListener[] = [];
  private readonly partners: PartnersStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly publisher: Publisher,
    private readonly store: TimersStore,
  ) {
    this.deadlines = new Deadlines(ctx.clock, (err, key) => ctx.logger.error({ err, key }, 'timer deadline failed'));
    this.partners = new PartnersStore(ctx.db);
  }

  onPauseChange(listener: PauseListener): void {
    this.listeners.push(listener);
  }

  /** After a (re)start: arm every open pause, finishing those that expired while the server was down. */
  async resumeAll(): Promise<void> {
    for (const row of await this.store.allOpenPauses()) await this.arm(row);
  }

  async view(sessionId: string): Promise<TimersView> {
    const session = await this.ctx.db
      .selectFrom('sessions')
      .select(['couple_id', 'started_at', 'duration_minutes'])
      .where('id', '=', sessionId)
      .executeTakeFirst();
    if (!session) throw notFound('No such session.');
    const started = session.started_at === null ? null : Number(session.started_at);
    const clock: SessionClockView = {
      startedAt: started,
      plannedMinutes: session.duration_minutes,
      plannedEnd: started === null ? null : started + session.duration_minutes * MINUTE,
    };
    const row = await this.current(sessionId);
    return {
      serverTime: this.ctx.clock.now(),
      session: clock,
      pause: row ? pauseView(row) : null,
      settings: await this.store.settings(session.couple_id),
    };
  }

  async call(d: SocketData, payload: PauseCallPayload): Promise<PauseView> {
    const existing = await this.current(d.sessionId);
    if (existing) return pauseView(existing); // already paused: calling again is harmless
    const settings = await this.store.settings(d.coupleId);
    const minutes = payload.minutes ?? settings.defaultMinutes;
    const now = this.ctx.clock.now();
    const row: PauseRow = {
      id: randomUUID(),
      session_id: d.sessionId,
      called_by_id: d.personId,
      called_by_role: d.role,
      called_by_name: await this.nameOf(d),
      show_caller: settings.showCaller ? 1 : 0,
      media_paused: settings.mediaPaused ? 1 : 0,
      exercise: payload.exercise ?? settings.exercise,
      ...timerColumns(startTimer(now, minutes * MINUTE)),
      ready: '[]',
      started_at: now,
      ended_at: null,
      end_reason: null,
    };
    await this.store.insertPause(row);
    await this.arm(row);
    await this.notify(d.sessionId, true);
    await this.broadcast(d.sessionId);
    return pauseView(row);
  }

  async ready(d: SocketData, ready: boolean): Promise<PauseView | null> {
    const row = await this.current(d.sessionId);
    if (!row || !d.partnerId) return row ? pauseView(row) : null;
    const set = new Set(JSON.parse(row.ready) as string[]);
    if (ready) set.add(d.partnerId);
    else set.delete(d.partnerId);
    const next = { ...row, ready: JSON.stringify([...set]) };
    await this.store.updateOpenPause(row.id, { ready: next.ready });
    await this.broadcast(d.sessionId);
    return pauseView(next);
  }

  async setExercise(d: SocketData, exercise: PauseExercise): Promise<PauseView> {
    const row = await this.requireOpen(d.sessionId);
    if (d.role !== 'therapist' && row.called_by_id !== d.personId) {
      throw forbidden('Only the therapist or the person who called the pause can change the exercise.');
    }
    await this.store.updateOpenPause(row.id, { exercise });
    await this.broadcast(d.sessionId);
    return pauseView({ ...row, exercise });
  }

  async extend(d: SocketData, minutes: number): Promise<PauseView> {
    const row = await this.requireOpen(d.sessionId);
    const timer = extendTimer(timerOfRow(row), minutes * MINUTE, this.ctx.clock.now());
    const next = { ...row, ...timerColumns(timer) };
    await this.store.updateOpenPause(row.id, timerColumns(timer));
    await this.arm(next);
    await this.broadcast(d.sessionId);
    return pauseView(next);
  }

  /** Therapist: end the pause now. */
  async end(d: SocketData): Promise<void> {
    const row = await this.current(d.sessionId);
    if (!row) return;
    await this.finish(row, 'ended-early');
  }

  /** The session's pauses for its summary; a pause still open when the session ended is closed at that time. */
  async history(sessionId: string): Promise<PauseRecord[]> {
    const session = await this.ctx.db
      .selectFrom('sessions')
      .select(['status', 'ended_at'])
      .where('id', '=', sessionId)
      .executeTakeFirst();
    const open = await this.store.openPause(sessionId);
    if (open && session?.status === 'ended' && session.ended_at !== null) {
      const endedAt = Math.min(Number(session.ended_at), open.deadline === null ? Infinity : Number(open.deadline));
      await this.store.finishPause(open.id, endedAt, 'session-ended');
      this.deadlines.clear(`pause:${sessionId}`);
    }
    return this.store.history(sessionId);
  }

  async updateSettings(d: SocketData, patch: PauseSettingsPayload): Promise<PauseSettings> {
    const current = await this.store.settings(d.coupleId);
    const next: PauseSettings = { ...current, ...patch };
    next.choices = [...next.choices].sort((a, b) => a - b);
    if (!next.choices.includes(next.defaultMinutes)) {
      throw badRequest('defaultMinutes: must be one of the choices');
    }
    await this.store.saveSettings(d.coupleId, next, this.ctx.clock.now());
    await this.broadcast(d.sessionId);
    return next;
  }

  close(): void {
    this.deadlines.close();
  }

  /** The open pause, finished first if its deadline has passed (lazy expiry). */
  private async current(sessionId: string): Promise<PauseRow | undefined> {
    const row = await this.store.openPause(sessionId);
    if (row && isExpired(timerOfRow(row), this.ctx.clock.now())) {
      await this.finish(row, 'expired');
      return undefined;
    }
    return row;
  }

  private async requireOpen(sessionId: string): Promise<PauseRow> {
    const row = await this.current(sessionId);
    if (!row) throw new AppError(ErrorCode.CONFLICT, 'There is no pause right now.');
    return row;
  }

  private async arm(row: PauseRow): Promise<void> {
    const timer = timerOfRow(row);
    if (timer.status !== 'running' || timer.deadline === null) return;
    if (isExpired(timer, this.ctx.clock.now())) return this.finish(row, 'expired');
    this.deadlines.set(`pause:${row.session_id}`, timer.deadline, async () => {
      const fresh = await this.store.openPause(row.session_id);
      if (fresh && isExpired(timerOfRow(fresh), this.ctx.clock.now())) await this.finish(fresh, 'expired');
      else if (fresh) await this.arm(fresh);
    });
  }

  private async finish(row: PauseRow, reason: 'expired' | 'ended-early'): Promise<void> {
    this.deadlines.clear(`pause:${row.session_id}`);
    const now = this.ctx.clock.now();
    // Another node (or an earlier call) may have finished it: only the one that does emits.
    const endedAt = reason === 'expired' && row.deadline !== null ? Math.min(now, Number(row.deadline)) : now;
    if (!(await this.store.finishPause(row.id, endedAt, reason))) return;
    // The room hears the pause is over before listeners act on it (the safety protocol then starts a breakout).
    await this.broadcast(row.session_id);
    await this.notify(row.session_id, false);
  }

  private async notify(sessionId: string, pausing: boolean): Promise<void> {
    for (const l of this.listeners) await l(sessionId, pausing);
  }

  private async broadcast(sessionId: string): Promise<void> {
    this.publisher.toRoom(sessionId).emit('timer:update', await this.view(sessionId));
  }

  private async nameOf(d: SocketData): Promise<string> {
    if (d.partnerId) {
      return (await this.partners.displayName(d.partnerId)) ?? '';
    }
    const t = await this.ctx.db
      .selectFrom('therapists')
      .select('name')
      .where('id', '=', d.therapistId)
      .executeTakeFirst();
    return t?.name ?? '';
  }
}

export function pauseView(row: PauseRow): PauseView {
  return {
    id: row.id,
    calledBy: row.show_caller ? { id: row.called_by_id, name: row.called_by_name, role: row.called_by_role } : null,
    startedAt: Number(row.started_at),
    timer: timerOfRow(row),
    exercise: row.exercise,
    mediaPaused: row.media_paused === 1,
    ready: JSON.parse(row.ready) as string[],
  };
}
