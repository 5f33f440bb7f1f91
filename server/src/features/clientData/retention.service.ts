/**
 * Retention: the practice keeps a couple's data (the default) or deletes it N years after the couple's last
 * session. A sweep runs at start and then daily; it takes a lease in `job_claims` first, so of several processes
 * sharing the database only one sweeps at a time. Each deletion is audited as automatic (`retention.delete`).
 */
import { randomUUID } from 'node:crypto';
import type { RetentionDto, RetentionDueDto } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { toIso } from '../../lib/clock.js';
import type { ErasureService } from './erasure.service.js';

const YEAR_MS = 365.25 * 24 * 60 * 60 * 1000;
export const SWEEP_EVERY_MS = 24 * 60 * 60 * 1000;
/** How long one process holds the sweep: longer than any sweep takes, short enough to recover from a crash. */
const LEASE_MS = 30 * 60 * 1000;
const JOB = 'retention_sweep';

export class RetentionService {
  private readonly holder = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly erasure: ErasureService,
  ) {}

  async years(): Promise<number | null> {
    const row = await this.ctx.db
      .selectFrom('retention_settings')
      .select('years')
      .where('id', '=', 1)
      .executeTakeFirst();
    return row?.years ?? null;
  }

  async setYears(therapistId: string, years: number | null): Promise<RetentionDto> {
    const now = this.ctx.clock.now();
    await this.ctx.db
      .insertInto('retention_settings')
      .values({ id: 1, years, updated_by: therapistId, updated_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ years, updated_by: therapistId, updated_at: now }))
      .execute();
    await this.ctx.audit.record({ actorType: 'therapist', actorId: therapistId, action: 'retention.set' });
    return this.state();
  }

  async state(): Promise<RetentionDto> {
    const years = await this.years();
    const claim = await this.ctx.db
      .selectFrom('job_claims')
      .select('last_run_at')
      .where('name', '=', JOB)
      .executeTakeFirst();
    return { years, due: years === null ? [] : await this.due(years), lastSweepAt: toIso(claim?.last_run_at ?? null) };
  }

  /**
   * Couples past the period: the last session that was held or booked (not cancelled; its end, start or booked
   * time), or the couple's creation when it had none, more than `years` ago. A couple with a live or a future
   * session is never due.
   */
  async due(years: number): Promise<RetentionDueDto[]> {
    const now = this.ctx.clock.now();
    const couples = await this.ctx.db.selectFrom('couples').select(['id', 'name', 'created_at']).execute();
    const sessions = await this.ctx.db
      .selectFrom('sessions')
      .select(['couple_id', 'status', 'ended_at', 'started_at', 'scheduled_at', 'created_at'])
      .where('status', '<>', 'cancelled')
      .execute();
    const last = new Map<string, number>();
    for (const s of sessions) {
      const at =
        s.status === 'live'
          ? Number.MAX_SAFE_INTEGER
          : Number(s.ended_at ?? s.started_at ?? s.scheduled_at ?? s.created_at);
      last.set(s.couple_id, Math.max(last.get(s.couple_id) ?? 0, at));
    }
    const out: RetentionDueDto[] = [];
    for (const c of couples) {
      const lastAt = last.get(c.id) ?? Number(c.created_at);
      const dueAt = lastAt + years * YEAR_MS;
      if (lastAt === Number.MAX_SAFE_INTEGER || dueAt > now) continue;
      out.push({ coupleId: c.id, name: c.name, lastActivityAt: toIso(lastAt) ?? '', dueAt: toIso(dueAt) ?? '' });
    }
    return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }

  /** Takes the sweep's lease; false when another process holds it. */
  private async claim(now: number): Promise<boolean> {
    await this.ctx.db
      .insertInto('job_claims')
      .values({ name: JOB, claimed_until: 0, claimed_by: '', last_run_at: null })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const res = await this.ctx.db
      .updateTable('job_claims')
      .set({ claimed_until: now + LEASE_MS, claimed_by: this.holder })
      .where('name', '=', JOB)
      .where('claimed_until', '<', now)
      .executeTakeFirst();
    return res.numUpdatedRows === 1n;
  }

  /** One sweep: deletes every couple past the period. Returns how many went (0 when another process sweeps). */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => (this.running = null));
    return this.running;
  }

  private async sweepOnce(): Promise<number> {
    const years = await this.years();
    if (years === null) return 0;
    const now = this.ctx.clock.now();
    if (!(await this.claim(now))) return 0;
    let deleted = 0;
    try {
      for (const c of await this.due(years)) {
        try {
          await this.erasure.eraseCouple({ kind: 'retention' }, c.coupleId, null);
          deleted++;
        } catch (err) {
          this.ctx.logger.error({ err, coupleId: c.coupleId }, 'retention: a couple could not be deleted');
        }
      }
    } finally {
      await this.ctx.db
        .updateTable('job_claims')
        .set({ claimed_until: 0, last_run_at: this.ctx.clock.now() })
        .where('name', '=', JOB)
        .where('claimed_by', '=', this.holder)
        .execute();
    }
    if (deleted > 0) this.ctx.logger.info({ deleted }, 'retention sweep');
    return deleted;
  }

  /** Sweeps now, then every day. */
  start(): void {
    const run = () =>
      void this.sweep().catch((err: unknown) => this.ctx.logger.error({ err }, 'retention sweep failed'));
    run();
    this.timer = setInterval(run, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
