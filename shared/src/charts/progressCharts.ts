/**
 * The progress charts' props from the progress data, in the reader's words: the same for the therapist's page and
 * the PDF, so both draw the same chart. Words and number/date formats come from the caller (i18next in the
 * browser, the PDF's strings on the server).
 */
import type { InstrumentProgressDto, MeasuredWhose, PlanObjective, ProgressDto } from '../plan.js';
import { objectiveSeries } from '../planSeries.js';
import type { ChartFlag, ChartLine, SeriesChartProps } from './SeriesChart.js';

export interface ChartWords {
  names: { a: string; b: string };
  couple: string;
  clinicalRange: string;
  target: (value: string) => string;
  worse: string;
  gap: (gap: string) => string;
  /** "{name}: {count} points, latest {value} on {date}" or "no points". */
  lineSummary: (line: { label: string; count: number; latest: string | null; date: string | null }) => string;
}

export interface ChartFormat {
  date: (ms: number) => string;
  value: (v: number) => string;
}

export interface ChartSize {
  width: number;
  height: number;
}

function summary(lines: ChartLine[], words: ChartWords, fmt: ChartFormat): string {
  return lines
    .map((l) => {
      const last = [...l.points].sort((p, q) => p.at - q.at).at(-1);
      return words.lineSummary({
        label: l.label,
        count: l.points.length,
        latest: last ? fmt.value(last.value) : null,
        date: last ? fmt.date(last.at) : null,
      });
    })
    .join(' ');
}

const slotsOf = (whose: MeasuredWhose): ('a' | 'b')[] => (whose === 'both' ? ['a', 'b'] : [whose]);

/** A measure over time, both partners side by side (or only `whose`), cutoff band, targets and flags. */
export function instrumentChart(
  dto: InstrumentProgressDto,
  opts: { id: string; title: string; whose?: MeasuredWhose; targetIds?: string[] },
  words: ChartWords,
  fmt: ChartFormat,
  size: ChartSize,
  xDomain?: [number, number],
): SeriesChartProps {
  const slots = slotsOf(opts.whose ?? 'both');
  const lines: ChartLine[] = slots.map((slot) => ({
    id: slot,
    label: words.names[slot],
    look: slot,
    points: dto.series[slot].map((p) => ({ at: p.at, value: p.value })),
  }));
  const flags: ChartFlag[] = [
    ...(slots.includes('a')
      ? dto.flags.worseA.map((p) => ({ at: p.at, value: p.value, lineId: 'a', label: words.worse }))
      : []),
    ...(slots.includes('b')
      ? dto.flags.worseB.map((p) => ({ at: p.at, value: p.value, lineId: 'b', label: words.worse }))
      : []),
    ...(slots.length === 2
      ? dto.flags.gaps.map((g) => ({ at: g.at, value: 0, lineId: null, label: words.gap(fmt.value(g.gap)) }))
      : []),
  ];
  const cutoff = dto.cutoff;
  const band = cutoff
    ? cutoff.clinical === 'below'
      ? { from: dto.range.min, to: cutoff.value, label: words.clinicalRange }
      : { from: cutoff.value, to: dto.range.max, label: words.clinicalRange }
    : null;
  const targets = dto.targets
    .filter((t) => !opts.targetIds || opts.targetIds.includes(t.objectiveId))
    .map((t) => ({ value: t.target, label: words.target(fmt.value(t.target)) }));
  return {
    id: opts.id,
    title: opts.title,
    desc: summary(lines, words, fmt),
    ...size,
    yDomain: [dto.range.min, dto.range.max],
    xDomain,
    lines,
    band,
    targets,
    flags,
    formatDate: fmt.date,
    formatValue: fmt.value,
  };
}

/** One weekly series for the couple (a conflict metric, or the task record in percent). */
export function weeklyChart(
  points: { at: number; value: number }[],
  opts: {
    id: string;
    title: string;
    yMax: number;
    target?: number | null;
    partner?: { slot: 'a' | 'b'; name: string };
  },
  words: ChartWords,
  fmt: ChartFormat,
  size: ChartSize,
  xDomain?: [number, number],
): SeriesChartProps {
  // One partner's own log is drawn as theirs (their colour, their name); otherwise it is the couple's.
  const line = opts.partner
    ? { id: opts.partner.slot, label: opts.partner.name, look: opts.partner.slot }
    : { id: 'couple', label: words.couple, look: 'couple' as const };
  const lines: ChartLine[] = [{ ...line, points }];
  const top = Math.max(opts.yMax, opts.target ?? 0, ...points.map((p) => p.value));
  return {
    id: opts.id,
    title: opts.title,
    desc: summary(lines, words, fmt),
    ...size,
    yDomain: [0, top > 0 ? Math.ceil(top * 1.1) : 1],
    xDomain,
    lines,
    targets:
      opts.target === null || opts.target === undefined
        ? []
        : [{ value: opts.target, label: words.target(fmt.value(opts.target)) }],
    formatDate: fmt.date,
    formatValue: fmt.value,
  };
}

/** The chart for one objective: its instrument's (its partner(s), its target) or its weekly series. */
export function objectiveChart(
  o: PlanObjective,
  progress: ProgressDto,
  opts: { id: string; title: string },
  words: ChartWords,
  fmt: ChartFormat,
  size: ChartSize,
): SeriesChartProps | null {
  const xDomain: [number, number] = [Date.parse(`${progress.from}T00:00:00Z`), Date.parse(`${progress.to}T23:59:59Z`)];
  const m = o.measure;
  if (m.kind === 'instrument') {
    const dto = progress.instruments.find((i) => i.instrumentId === m.instrumentId);
    if (!dto) return null;
    return instrumentChart(dto, { ...opts, whose: m.whose, targetIds: [o.id] }, words, fmt, size, xDomain);
  }
  const points = objectiveSeries(o, progress);
  const partner =
    m.kind === 'conflict' && m.whose !== 'both' ? progress.partners.find((p) => p.slot === m.whose) : undefined;
  return weeklyChart(
    points,
    { ...opts, yMax: m.kind === 'tasks' ? 100 : 1, target: o.target, ...(partner ? { partner } : {}) },
    words,
    fmt,
    size,
    xDomain,
  );
}
