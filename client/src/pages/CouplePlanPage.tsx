import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button, Label, TextArea, TextField } from 'react-aria-components';
import { type PlanContent, type PlanDto, type PlanVersionDto } from '@tandem/shared';
import { objectiveChart } from '@tandem/shared/charts';
import { api, type AppError } from '../lib/api';
import { useQuery } from '../lib/useQuery';
import { ErrorNotice, Loading, StatusLine } from '../components/feedback';
import { PendingButton } from '../components/PendingButton';
import { TherapistShell } from '../features/auth/TherapistShell';
import { PlanEditor } from '../features/progress/PlanEditor';
import { ProgressChart } from '../features/progress/ProgressChart';
import { ObjectiveStatusLine } from '../features/progress/ObjectiveStatusLine';
import { longDate, useChartText, useDefaultPeriod } from '../features/progress/chartText';
import { CoupleHeading, usePartnerNames } from '../features/progress/CoupleHeading';
import '../styles/progress.css';

const SIZE = { width: 0, height: 0 };

/** /couples/:coupleId/plan — the treatment plan: goals and objectives, each objective's status and chart, reviews. */
export function CouplePlanPage() {
  const { t, i18n } = useTranslation();
  const { coupleId = '' } = useParams();
  const plan = useQuery(`plan:${coupleId}`, (signal) => api.plan(coupleId, { signal }));
  const instruments = useQuery('instruments', (signal) => api.instruments({ signal }));
  const period = useDefaultPeriod();
  const progress = useQuery(`plan-progress:${coupleId}:${plan.data?.version ?? 0}`, (signal) =>
    api.progress(coupleId, period, { signal }),
  );
  const data = plan.data;
  const names = usePartnerNames(data?.partners);
  const { words, fmt } = useChartText(names);
  const [draft, setDraft] = useState<{ version: number | null; content: PlanContent } | null>(null);
  const content = draft && draft.version === (data?.version ?? null) ? draft.content : (data?.content ?? null);
  const dirty = content !== null && data !== undefined && JSON.stringify(content) !== JSON.stringify(data.content);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [status, setStatus] = useState('');

  const applied = (next: PlanDto, message: string) => {
    plan.setData(next);
    setDraft(null);
    setStatus(message);
  };
  const save = async () => {
    if (!content) return;
    setSaving(true);
    setError(null);
    setStatus('');
    const res = await api.savePlan(coupleId, content);
    setSaving(false);
    if (res.ok) applied(res.data, t('progress.saved', { version: res.data.version }));
    else setError(res.error);
  };

  const renderStatus = (objectiveId: string) => {
    const s = data?.statuses.find((x) => x.objectiveId === objectiveId);
    const o = data?.content.goals.flatMap((g) => g.objectives).find((x) => x.id === objectiveId);
    if (!s || !o) return null;
    const chart = progress.data
      ? objectiveChart(o, progress.data, { id: `p-${o.id}`, title: o.text }, words, fmt, SIZE)
      : null;
    return (
      <div className="plan-objective-status" data-objective={objectiveId}>
        <ObjectiveStatusLine status={s} names={names} />
        {chart ? <ProgressChart chart={chart} /> : null}
      </div>
    );
  };

  return (
    <TherapistShell width="wide">
      <CoupleHeading page="plan" coupleId={coupleId} coupleName={data?.coupleName} />
      {plan.loading ? <Loading /> : null}
      <ErrorNotice error={plan.error ?? instruments.error} onRetry={plan.reload} />
      {data && content ? (
        <>
          <section className="card progress-section" aria-labelledby="plan-goals">
            <h2 id="plan-goals">{t('progress.goals')}</h2>
            <p className="muted">
              {data.version === null
                ? t('progress.notSaved')
                : t('progress.version', { version: data.version, date: longDate(data.savedAt ?? '', i18n.language) })}
            </p>
            <p className="muted">{t('progress.statusRule')}</p>
            <PlanEditor
              draft={content}
              onChange={(next) => setDraft({ version: data.version, content: next })}
              instruments={instruments.data ?? []}
              names={names}
              renderStatus={renderStatus}
            />
            <div className="plan-save">
              <PendingButton className="btn btn-primary" pending={saving} onPress={() => void save()}>
                {saving ? t('progress.saving') : t('progress.save')}
              </PendingButton>
              {dirty ? <p className="muted">{t('progress.unsaved')}</p> : null}
            </div>
            <ErrorNotice error={error} />
            <StatusLine>{status}</StatusLine>
          </section>
          <Reviews plan={data} coupleId={coupleId} onAdded={(next) => applied(next, t('progress.reviewAdded'))} />
          <Versions plan={data} coupleId={coupleId} />
        </>
      ) : null}
    </TherapistShell>
  );
}

function Reviews({ plan, coupleId, onAdded }: { plan: PlanDto; coupleId: string; onAdded: (p: PlanDto) => void }) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const add = async () => {
    setPending(true);
    setError(null);
    const res = await api.addPlanReview(coupleId, note);
    setPending(false);
    if (res.ok) {
      setNote('');
      onAdded(res.data);
    } else setError(res.error);
  };
  return (
    <section className="card progress-section" aria-labelledby="plan-reviews">
      <h2 id="plan-reviews">{t('progress.reviews')}</h2>
      {plan.reviews.length === 0 ? <p className="muted">{t('progress.noReviews')}</p> : null}
      <ul className="plan-reviews">
        {plan.reviews.map((r) => (
          <li key={r.id}>
            <p className="muted">
              {t('progress.reviewOf', { date: longDate(r.reviewedAt, i18n.language), version: r.planVersion })}
            </p>
            <p className="plan-review-note">{r.note}</p>
          </li>
        ))}
      </ul>
      {plan.version !== null ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (note.trim()) void add();
          }}
        >
          <TextField className="field" value={note} onChange={setNote} maxLength={4000}>
            <Label className="field-label">{t('progress.reviewNote')}</Label>
            <TextArea className="input textarea" rows={3} />
          </TextField>
          <PendingButton type="submit" className="btn btn-secondary" pending={pending}>
            {t('progress.addReview')}
          </PendingButton>
          <ErrorNotice error={error} />
        </form>
      ) : null}
    </section>
  );
}

function Versions({ plan, coupleId }: { plan: PlanDto; coupleId: string }) {
  const { t, i18n } = useTranslation();
  const [shown, setShown] = useState<number | null>(null);
  const version = useQuery<PlanVersionDto>(shown === null ? null : `plan:${coupleId}:v${shown}`, (signal) =>
    api.planVersion(coupleId, shown ?? 1, { signal }),
  );
  const older = plan.versions.filter((v) => v.version !== plan.version);
  if (older.length === 0) return null;
  return (
    <section className="card progress-section" aria-labelledby="plan-versions">
      <h2 id="plan-versions">{t('progress.versions')}</h2>
      <ul className="plan-versions">
        {older.map((v) => (
          <li key={v.version}>
            <span>{t('progress.versionOf', { version: v.version, date: longDate(v.savedAt, i18n.language) })}</span>
            <Button
              className="btn btn-quiet btn-small"
              aria-expanded={shown === v.version}
              onPress={() => setShown(shown === v.version ? null : v.version)}
            >
              {shown === v.version ? t('progress.hideVersion') : t('progress.showVersion', { version: v.version })}
            </Button>
            {shown === v.version && version.data ? (
              <ul className="plan-version-content">
                {version.data.content.goals.map((g) => (
                  <li key={g.id}>
                    <strong>{g.title}</strong>
                    <ul>
                      {g.objectives.map((o) => (
                        <li key={o.id}>{o.text}</li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorNotice error={version.error} onRetry={version.reload} />
    </section>
  );
}
