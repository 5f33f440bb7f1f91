/**
 * A partner's own charts (issue 14): their scores on each measure they answered and their own conflict log by
 * week, through their case cookie. Every read is narrowed to that partner in the query itself, so nothing of the
 * other partner's is ever loaded for this answer, let alone sent.
 */
import {
  DAY_MS,
  OWN_CHART_DAYS,
  flagThreshold,
  reliableWorsening,
  weeklyConflictMetrics,
  type OwnChartsDto,
  type OwnInstrumentChartDto,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { InstrumentsService } from '../measures/instruments.service.js';
import { instrumentDirection } from '../plan/progress.compute.js';
import { PlanStore } from '../plan/plan.store.js';
import type { CasePrincipal } from '../between/caseLinks.service.js';

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class OwnChartsService {
  private readonly store: PlanStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly instruments: InstrumentsService,
  ) {
    this.store = new PlanStore(ctx);
  }

  async charts(p: Pick<CasePrincipal, 'partnerId' | 'coupleId' | 'therapistId'>): Promise<OwnChartsDto> {
    const now = this.ctx.clock.now();
    const to = Date.parse(`${isoDay(now)}T00:00:00Z`) + DAY_MS - 1;
    const from = to + 1 - OWN_CHART_DAYS * DAY_MS;
    const [scores, conflicts] = await Promise.all([
      this.store.scores(p.coupleId, to, p.partnerId),
      this.store.conflicts(p.coupleId, to, p.partnerId),
    ]);
    const ids = [...new Set(scores.map((s) => s.instrumentId))].sort();
    const instruments: OwnInstrumentChartDto[] = [];
    for (const id of ids) {
      const def = await this.instruments.newest(p.therapistId, id);
      if (!def) continue;
      const direction = instrumentDirection(def);
      const all = scores.filter((s) => s.instrumentId === id).map((s) => ({ at: s.answeredAt, value: s.score }));
      const inPeriod = <T extends { at: number }>(xs: T[]) => xs.filter((x) => x.at >= from && x.at <= to);
      const points = inPeriod(all);
      if (points.length === 0) continue;
      instruments.push({
        instrumentId: def.id,
        name: def.name,
        range: def.range,
        cutoff: def.cutoff,
        direction,
        points,
        worse: inPeriod(reliableWorsening(all, flagThreshold(def.reliableChange, def.range), direction)),
      });
    }
    return {
      from: isoDay(from),
      to: isoDay(to),
      instruments,
      conflict: weeklyConflictMetrics(conflicts, from, to).map((w) => ({ ...w, weekStartIso: isoDay(w.weekStart) })),
    };
  }
}
