import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { INVITE_TOKEN_PATTERN } from '@tandem/shared';
import { api, type AppError } from '../lib/api';
import { useQuery } from '../lib/useQuery';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useDefaultLanguage } from '../i18n/language';
import { PageShell } from '../components/PageShell';
import { ErrorNotice, Loading } from '../components/feedback';
import { LinkIncomplete } from '../features/join/PartnerViews';
import { readInviteToken } from '../features/join/inviteToken';
import { QuickExitDock } from '../features/private/QuickExitDock';
import { leaveBetween } from '../features/between/leave';
import { TaskCard } from '../features/between/TaskCard';
import { ConflictLog } from '../features/between/ConflictLog';
import { BetweenTrouble, NextSession, SummaryList, WeeklyRatings } from '../features/between/BetweenViews';
import { IntakeSection } from '../features/screening/IntakeSection';
import { ScreeningSection } from '../features/screening/ScreeningSection';
import '../features/screening/screening.css';
import { OwnCharts } from '../features/followup/OwnCharts';
import { MyPolicySection, PolicyGate } from '../features/between/MyPolicy';
import { CheckInNotDue, MaintenanceSection } from '../features/followup/MaintenanceView';
import '../features/measures/measures.css';
import '../styles/between.css';

const RETRYABLE = ['NETWORK_ERROR', 'TIMEOUT', 'INTERNAL', 'RATE_LIMITED', 'UNAVAILABLE'];

/**
 * /me/open#<token>: trade the personal link for this device's cookie, then go to /me. The token lives in the
 * fragment (never in a URL the server sees) and leaves the address bar at once.
 */
export function OpenCaseLinkPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [token] = useState(() => readInviteToken(window.location.hash));
  const wellFormed = INVITE_TOKEN_PATTERN.test(token);
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const started = useRef(-1);
  useDocumentTitle(t('between.title'), t('app.name'));

  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(window.history.state, '', window.location.pathname);
    }
    if (!wellFormed || started.current === attempt) return;
    started.current = attempt;
    void api.redeemCase(token).then((res) => {
      if (res.ok) void navigate('/me', { replace: true });
      else setError(res.error);
    });
  }, [token, wellFormed, attempt, navigate]);

  return (
    <PageShell width="narrow">
      {!wellFormed ? (
        <LinkIncomplete />
      ) : !error ? (
        <div className="card">
          <h1>{t('between.title')}</h1>
          <Loading label={t('between.opening')} />
        </div>
      ) : RETRYABLE.includes(error.code) ? (
        <div className="card">
          <h1>{t('between.title')}</h1>
          <ErrorNotice error={error} />
          <Button className="btn btn-primary" onPress={() => (setError(null), setAttempt((n) => n + 1))}>
            {t('common.retry')}
          </Button>
        </div>
      ) : (
        <BetweenTrouble kind="invalid" />
      )}
    </PageShell>
  );
}

/** /me: a partner's own page between sessions (phone first). */
export function BetweenPage() {
  const { t } = useTranslation();
  const me = useQuery('between:me', (signal) => api.betweenMe({ signal }));
  const safety = useQuery('between:safety', (signal) => api.mySafety({ signal }));
  // Safety details not given yet come first; the place is chosen once, so saving them keeps the section in place.
  const [intakeOnTop, setIntakeOnTop] = useState<boolean | null>(null);
  if (safety.data && intakeOnTop === null) setIntakeOnTop(safety.data.intake === null);
  const intakeSection = safety.data ? (
    <IntakeSection intake={safety.data.intake} onSaved={(intake) => safety.setData((d) => ({ ...d, intake }))} />
  ) : null;
  // Ending and follow-up: the maintenance plan, and whether the weekly ratings are asked now.
  const followUp = useQuery('between:follow-up', (signal) => api.myFollowUp({ signal }));
  // The confidentiality policy: while its current version is not acknowledged, nothing else of the page shows.
  const policy = useQuery('between:policy', (signal) => api.myPolicy({ signal }));
  useDefaultLanguage(me.data?.partner.language);
  useDocumentTitle(t('between.title'), t('app.name'));
  const data = me.data;
  const signedOut = me.error?.code === 'UNAUTHENTICATED';

  return (
    <PageShell width="narrow">
      <QuickExitDock leave={leaveBetween} />
      {me.loading || policy.loading ? <Loading /> : null}
      {signedOut ? <BetweenTrouble kind="closed" /> : <ErrorNotice error={me.error} onRetry={me.reload} />}
      {signedOut ? null : <ErrorNotice error={policy.error} onRetry={policy.reload} />}
      {data && policy.data && !policy.data.acknowledged ? (
        <PolicyGate policy={policy.data} onAcknowledged={policy.setData} onStale={policy.reload} />
      ) : null}
      {data && policy.data?.acknowledged ? (
        <div className="between-page">
          <div className="between-intro">
            <h1>{t('between.hello', { name: data.partner.displayName })}</h1>
            <p className="lead">{t('between.lead', { therapist: data.therapistName })}</p>
          </div>
          <ErrorNotice error={safety.error} onRetry={safety.reload} />
          {safety.data ? (
            <ScreeningSection screening={safety.data.screening} onDone={(after) => safety.setData(after)} />
          ) : null}
          {intakeOnTop === true ? intakeSection : null}
          <section className="between-section" aria-labelledby="tasks-heading" data-section="tasks">
            <h2 id="tasks-heading">{t('between.tasks.heading')}</h2>
            {data.tasks.length === 0 ? <p className="empty card">{t('between.tasks.empty')}</p> : null}
            <ul className="between-tasks">
              {data.tasks.map((task) => (
                <TaskCard
                  key={task.id}
                  task={task}
                  onSaved={(saved) =>
                    me.setData((d) => ({ ...d, tasks: d.tasks.map((x) => (x.id === saved.id ? saved : x)) }))
                  }
                />
              ))}
            </ul>
          </section>
          {followUp.data?.check?.due ? (
            <p className="notice" role="note">
              {t('followup.check.due')}
            </p>
          ) : null}
          {followUp.data?.check && !followUp.data.check.due && !data.weekly.current ? (
            <CheckInNotDue next={followUp.data.check.next} />
          ) : (
            <WeeklyRatings
              weekly={data.weekly}
              onSaved={(weekly) => {
                me.setData((d) => ({ ...d, weekly }));
                if (followUp.data?.check) followUp.reload();
              }}
            />
          )}
          {followUp.data ? <MaintenanceSection data={followUp.data} onChange={followUp.setData} /> : null}
          <section className="card between-section" aria-labelledby="conflict-heading" data-section="conflicts">
            <h2 id="conflict-heading">{t('between.conflict.heading')}</h2>
            <p className="muted">{t('between.conflict.lead')}</p>
            <ConflictLog entries={data.conflicts} onChange={(conflicts) => me.setData((d) => ({ ...d, conflicts }))} />
          </section>
          <NextSession next={data.nextSession} />
          <SummaryList items={data.summaries} />
          {/* Drawn again from the server after the partner's own ratings or log change. */}
          <OwnCharts
            key={[data.weekly.current?.updatedAt ?? '', ...data.conflicts.map((c) => c.updatedAt)].join('|')}
            name={data.partner.displayName}
          />
          {intakeOnTop === false ? intakeSection : null}
          <MyPolicySection policy={policy.data} />
        </div>
      ) : null}
    </PageShell>
  );
}
