import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { CONFLICT_METRICS, conflictPoints } from '@tandem/shared';
import { instrumentChart, objectiveChart, weeklyChart } from '@tandem/shared/charts';
import { api } from '../lib/api';
import { useQuery } from '../lib/useQuery';
import { ErrorNotice, Loading } from '../components/feedback';
import { DayField } from '../components/DayField';
import { TherapistShell } from '../features/auth/TherapistShell';
import { PdfDownloadButton } from '../features/record/PdfDownloadButton';
import { ProgressChart } from '../features/progress/ProgressChart';
import { ObjectiveStatusLine } from '../features/progress/ObjectiveStatusLine';
import { useChartText, useDefaultPeriod } from '../features/progress/chartText';
import { CoupleHeading, usePartnerNames } from '../features/progress/CoupleHeading';
import '../styles/progress.css';

const SIZE = { width: 0, height: 0 };

/** /couples/:coupleId/progress — each objective with its status and chart, the measures, the conflict log. */
export function CoupleProgressPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const { coupleId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const fallback = useDefaultPeriod();
  const to = params.get('to') ?? fallback.to;
  const from = params.get('from') ?? fallback.from;
  const [draft, setDraft] = useState({ from, to });
  const progress = useQuery(`progress:${coupleId}:${from}:${to}`, (signal) =>
    api.progress(coupleId, { from, to }, { signal }),
  );
  const data = progress.data;
  const names = usePartnerNames(data?.partners);
  const { words, fmt } = useChartText(names);
  const xDomain: [number, number] = [Date.parse(`${from}T00:00:00Z`), Date.parse(`${to}T23:59:59Z`)];
  return (
    <TherapistShell width="wide">
      <CoupleHeading page="progress" coupleId={coupleId} coupleName={data?.coupleName} />
      <form
        className="card progress-period"
        aria-label={t('progress.period')}
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.from && draft.to) setParams({ from: draft.from, to: draft.to });
        }}
      >
        <DayField
          label={t('progress.from')}
          value={draft.from}
          onChange={(v) => setDraft((d) => ({ ...d, from: v }))}
        />
        <DayField label={t('progress.to')} value={draft.to} onChange={(v) => setDraft((d) => ({ ...d, to: v }))} />
        <Button type="submit" className="btn btn-secondary">
          {t('progress.apply')}
        </Button>
        <PdfDownloadButton
          path={`/couples/${encodeURIComponent(coupleId)}/progress.pdf?from=${from}&to=${to}`}
          fileName={`progress-${to}.pdf`}
          label={t('progress.pdf')}
        />
      </form>
      {progress.loading ? <Loading /> : null}
      <ErrorNotice error={progress.error} onRetry={progress.reload} />
      {data ? (
        <>
          <section className="card progress-section" aria-labelledby="progress-objectives">
            <h2 id="progress-objectives">{t('progress.objectivesHeading')}</h2>
            {data.plan.content.goals.length === 0 ? <p className="muted">{t('progress.noGoals')}</p> : null}
            {data.plan.content.goals.map((g) => (
              <div key={g.id} className="progress-goal">
                <h3>{g.title}</h3>
                <div className="progress-grid">
                  {g.objectives.map((o) => {
                    const status = data.plan.statuses.find((s) => s.objectiveId === o.id);
                    const chart = objectiveChart(o, data, { id: `o-${o.id}`, title: o.text }, words, fmt, SIZE);
                    return (
                      <article key={o.id} className="progress-objective" data-objective={o.id}>
                        <h4>{o.text}</h4>
                        {status ? <ObjectiveStatusLine status={status} names={names} /> : null}
                        {chart ? <ProgressChart chart={chart} /> : <p className="muted">{t('progress.noData')}</p>}
                      </article>
                    );
                  })}
                </div>
              </div>
            ))}
          </section>
          <section className="card progress-section" aria-labelledby="progress-measures">
            <h2 id="progress-measures">{t('progress.measuresHeading')}</h2>
            {data.instruments.length === 0 ? <p className="muted">{t('progress.noMeasures')}</p> : null}
            <div className="progress-grid">
              {data.instruments.map((dto) => {
                const title = dto.name[lang];
                return (
                  <article key={dto.instrumentId} className="progress-measure" data-instrument={dto.instrumentId}>
                    <h3>{title}</h3>
                    <p className="muted">
                      {t(dto.thresholdIsReliableChange ? 'progress.thresholdRc' : 'progress.thresholdTandem', {
                        value: fmt.value(dto.threshold),
                      })}
                    </p>
                    {dto.splitAlliance ? (
                      <p className="notice notice-warning" role="note">
                        {t('progress.splitAlliance')}
                      </p>
                    ) : null}
                    <ProgressChart
                      chart={instrumentChart(dto, { id: `i-${dto.instrumentId}`, title }, words, fmt, SIZE, xDomain)}
                    />
                  </article>
                );
              })}
            </div>
          </section>
          <section className="card progress-section" aria-labelledby="progress-conflict">
            <h2 id="progress-conflict">{t('progress.conflictHeading')}</h2>
            <div className="progress-grid">
              {CONFLICT_METRICS.map((metric) => {
                const title = t(`progress.metric.${metric}`);
                const yMax = metric === 'disconnectionDays' ? 7 : metric === 'pausesUsed' ? 3 : 30;
                return (
                  <article key={metric} className="progress-measure">
                    <h3>{title}</h3>
                    <ProgressChart
                      chart={weeklyChart(
                        conflictPoints(data, metric),
                        { id: `c-${metric}`, title, yMax },
                        words,
                        fmt,
                        SIZE,
                        xDomain,
                      )}
                    />
                  </article>
                );
              })}
            </div>
          </section>
        </>
      ) : null}
    </TherapistShell>
  );
}
