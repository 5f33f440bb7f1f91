/**
 * The progress report as a PDF model: the plan, each objective with its status and its chart, the measures over
 * time with both partners and their flags, the conflict log per week, and the reviews, over the period asked for.
 * The charts are the browser's own components (@tandem/shared/charts) rendered to SVG markup here.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CONFLICT_METRICS, type Language, type PlanObjective, type ProgressDto, conflictPoints } from '@tandem/shared';
import {
  SeriesChart,
  instrumentChart,
  objectiveChart,
  weeklyChart,
  type ChartFormat,
  type ChartWords,
  type SeriesChartProps,
} from '@tandem/shared/charts';
import type { PdfBlock, PdfDocumentModel } from '../record/pdf/model.js';
import { fill } from '../record/pdf/strings.js';
import { PROGRESS_STRINGS, type ProgressStrings } from './progressStrings.js';

const SIZE = { width: 500, height: 220 };

export interface ProgressPdfInput {
  progress: ProgressDto;
  practiceName: string;
  therapistName: string;
}

export function chartSvg(props: SeriesChartProps): string {
  return renderToStaticMarkup(createElement(SeriesChart, props));
}

function chartBlock(props: SeriesChartProps | null, s: ProgressStrings): PdfBlock {
  if (!props || props.lines.every((l) => l.points.length === 0)) {
    return { type: 'paragraph', text: s.noChartData, muted: true };
  }
  return {
    type: 'chart',
    svg: chartSvg(props),
    width: props.width,
    height: props.height,
    alt: `${props.title}. ${props.desc}`,
  };
}

export function progressDocument(
  input: ProgressPdfInput,
  locale: { lang: Language; timeZone: string },
): PdfDocumentModel {
  const s = PROGRESS_STRINGS[locale.lang];
  const { progress } = input;
  const plan = progress.plan;
  const dateFmt = new Intl.DateTimeFormat(locale.lang, { dateStyle: 'medium', timeZone: locale.timeZone });
  const shortFmt = new Intl.DateTimeFormat(locale.lang, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const numFmt = new Intl.NumberFormat(locale.lang, { maximumFractionDigits: 1 });
  const fmt: ChartFormat = { date: (ms) => shortFmt.format(new Date(ms)), value: (v) => numFmt.format(v) };
  const name = (slot: 'a' | 'b') => progress.partners.find((p) => p.slot === slot)?.name ?? slot.toUpperCase();
  const words: ChartWords = {
    names: { a: name('a'), b: name('b') },
    couple: s.couple,
    clinicalRange: s.clinicalRange,
    target: (value) => fill(s.targetLine, { value }),
    worse: s.worse,
    gap: (gap) => fill(s.gap, { gap }),
    lineSummary: (l) =>
      l.latest === null
        ? fill(s.lineEmpty, { label: l.label })
        : fill(s.lineSummary, { label: l.label, count: l.count, value: l.latest, date: l.date ?? '' }),
  };
  const day = (iso: string) => dateFmt.format(new Date(`${iso}T12:00:00Z`));
  const instrumentName = (id: string) =>
    progress.instruments.find((i) => i.instrumentId === id)?.name[locale.lang] ?? id;
  const measuredBy = (o: PlanObjective) => {
    const m = o.measure;
    if (m.kind === 'tasks') return s.tasks;
    const whose = fill(s.whose[m.whose], { name: m.whose === 'both' ? '' : name(m.whose) });
    return m.kind === 'instrument'
      ? `${instrumentName(m.instrumentId)} (${whose})`
      : `${s.metric[m.metric]} (${whose})`;
  };

  const blocks: PdfBlock[] = [{ type: 'heading', level: 1, text: `${s.title}: ${progress.coupleName}` }];
  blocks.push({
    type: 'fields',
    rows: [
      { label: s.period, value: `${day(progress.from)} – ${day(progress.to)}` },
      ...(plan.version !== null
        ? [{ label: s.planVersion, value: `${plan.version} · ${dateFmt.format(new Date(plan.savedAt ?? 0))}` }]
        : []),
    ],
  });
  if (plan.version === null) blocks.push({ type: 'paragraph', text: s.noPlan, muted: true });
  else
    blocks.push({
      type: 'paragraph',
      text: fill(s.reviewInterval, { days: plan.content.reviewIntervalDays }),
      muted: true,
    });

  for (const goal of plan.content.goals) {
    blocks.push({ type: 'heading', level: 2, text: goal.title });
    blocks.push({
      type: 'paragraph',
      text: fill(s.owner[goal.owner], { name: goal.owner === 'shared' ? '' : name(goal.owner) }),
      muted: true,
    });
    for (const o of goal.objectives) {
      const st = plan.statuses.find((x) => x.objectiveId === o.id);
      blocks.push({ type: 'heading', level: 3, text: o.text });
      blocks.push({
        type: 'fields',
        rows: [
          { label: s.statusLabel, value: s.status[st?.status ?? 'no-data'] },
          { label: s.measuredBy, value: measuredBy(o) },
          { label: s.target, value: `${o.direction === 'up' ? '≥' : '≤'} ${fmt.value(o.target)}` },
          ...(st?.baseline != null ? [{ label: s.baseline, value: fmt.value(st.baseline) }] : []),
          ...(st?.current != null ? [{ label: s.current, value: fmt.value(st.current) }] : []),
          { label: s.reviewDate, value: st ? day(st.reviewDate) : '' },
        ],
      });
      blocks.push(chartBlock(objectiveChart(o, progress, { id: `o-${o.id}`, title: o.text }, words, fmt, SIZE), s));
    }
  }

  if (progress.instruments.length > 0) blocks.push({ type: 'heading', level: 2, text: s.measures });
  const xDomain: [number, number] = [Date.parse(`${progress.from}T00:00:00Z`), Date.parse(`${progress.to}T23:59:59Z`)];
  for (const dto of progress.instruments) {
    const title = dto.name[locale.lang];
    blocks.push({ type: 'heading', level: 3, text: title });
    blocks.push({
      type: 'paragraph',
      text: fill(s.threshold, {
        value: fmt.value(dto.threshold),
        source: dto.thresholdIsReliableChange ? s.rcSource : s.tandemSource,
      }),
      muted: true,
    });
    if (dto.splitAlliance) blocks.push({ type: 'notice', text: s.splitAlliance, tone: 'warning' });
    blocks.push(chartBlock(instrumentChart(dto, { id: `i-${dto.instrumentId}`, title }, words, fmt, SIZE, xDomain), s));
  }

  blocks.push({ type: 'heading', level: 2, text: s.conflict });
  for (const metric of CONFLICT_METRICS) {
    const title = s.metric[metric];
    blocks.push({ type: 'heading', level: 3, text: title });
    const yMax = metric === 'disconnectionDays' ? 7 : metric === 'pausesUsed' ? 3 : 30;
    blocks.push(
      chartBlock(
        weeklyChart(conflictPoints(progress, metric), { id: `c-${metric}`, title, yMax }, words, fmt, SIZE, xDomain),
        s,
      ),
    );
  }

  blocks.push({ type: 'heading', level: 2, text: s.reviews });
  if (plan.reviews.length === 0) blocks.push({ type: 'paragraph', text: s.noReviews, muted: true });
  for (const r of plan.reviews) {
    blocks.push({
      type: 'heading',
      level: 3,
      text: `${dateFmt.format(new Date(r.reviewedAt))} · ${fill(s.reviewOf, { version: r.planVersion })}`,
    });
    blocks.push({ type: 'paragraph', text: r.note });
  }

  const practice = input.practiceName.trim();
  return {
    lang: locale.lang,
    title: `${s.title}: ${progress.coupleName}`,
    author: practice || input.therapistName,
    subject: s.subject,
    runningHead: practice ? `${practice} · ${input.therapistName}` : input.therapistName,
    runningFoot: `${s.confidential} · ${progress.coupleName}`,
    pageLabel: s.pageLabel,
    blocks,
  };
}
