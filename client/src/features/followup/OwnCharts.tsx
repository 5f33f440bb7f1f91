import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CONFLICT_METRICS, conflictPoints, type InstrumentProgressDto, type OwnChartsDto } from '@tandem/shared';
import { instrumentChart, weeklyChart } from '@tandem/shared/charts';
import { ErrorNotice, Loading } from '../../components/feedback';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { ProgressChart } from '../progress/ProgressChart';
import { useChartText } from '../progress/chartText';
import '../../styles/progress.css';

const SIZE = { width: 0, height: 0 };
/** The conflict log charts a partner sees of their own (fight length, time to repair, pauses used). */
const OWN_METRICS = CONFLICT_METRICS.filter((m) => m !== 'disconnectionDays');

/** A measure of the partner's own, in the shape the therapist's chart reads: their line alone, as partner "a". */
function asProgress(i: OwnChartsDto['instruments'][number]): InstrumentProgressDto {
  const keyed = (ps: { at: number; value: number }[]) => ps.map((p) => ({ ...p, key: '' }));
  return {
    instrumentId: i.instrumentId,
    name: i.name,
    range: i.range,
    cutoff: i.cutoff,
    threshold: 0,
    thresholdIsReliableChange: false,
    direction: i.direction,
    series: { a: keyed(i.points), b: [] },
    flags: { worseA: keyed(i.worse), worseB: [], gaps: [] },
    splitAlliance: false,
    targets: [],
  };
}

/** "Your charts" on a partner's between page: their own lines only (the server sends nothing else). */
export function OwnCharts({ name }: { name: string }) {
  const { t, i18n } = useTranslation();
  const data = useQuery('between:charts', (signal) => api.ownCharts({ signal }));
  const names = useMemo(() => ({ a: name, b: '' }), [name]);
  const { words, fmt } = useChartText(names);
  const lang = i18n.language.startsWith('es') ? 'es' : 'en';
  const d = data.data;
  const xDomain: [number, number] | undefined = d
    ? [Date.parse(`${d.from}T00:00:00Z`), Date.parse(`${d.to}T23:59:59Z`)]
    : undefined;
  const logged = d ? d.conflict.some((w) => w.fights > 0) : false;
  return (
    <section className="card between-section" aria-labelledby="own-charts-heading" data-section="own-charts">
      <h2 id="own-charts-heading">{t('followup.charts.heading')}</h2>
      <p className="muted">{t('followup.charts.lead')}</p>
      {data.loading ? <Loading /> : null}
      <ErrorNotice error={data.error} onRetry={data.reload} />
      {d && d.instruments.length === 0 && !logged ? <p className="empty">{t('followup.charts.empty')}</p> : null}
      {d
        ? d.instruments.map((i) => {
            const title = i.name[lang];
            return (
              <article key={i.instrumentId} className="progress-measure" data-instrument={i.instrumentId}>
                <h3>{title}</h3>
                <ProgressChart
                  chart={instrumentChart(
                    asProgress(i),
                    { id: `own-${i.instrumentId}`, title, whose: 'a' },
                    words,
                    fmt,
                    SIZE,
                    xDomain,
                  )}
                />
              </article>
            );
          })
        : null}
      {d && logged
        ? OWN_METRICS.map((metric) => {
            const title = t(`followup.charts.metric.${metric}`);
            const yMax = metric === 'pausesUsed' ? 3 : 30;
            return (
              <article key={metric} className="progress-measure" data-metric={metric}>
                <h3>{title}</h3>
                <ProgressChart
                  chart={weeklyChart(
                    conflictPoints(d, metric),
                    { id: `own-${metric}`, title, yMax },
                    { ...words, couple: name },
                    fmt,
                    SIZE,
                    xDomain,
                  )}
                />
              </article>
            );
          })
        : null}
    </section>
  );
}
