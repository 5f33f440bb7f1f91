import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { ErrorNotice, Loading } from '../../components/feedback';
import { summaryDate } from './summaryText';
import '../../styles/summary.css';

/** On the session record: a summary for the couple and for each partner, with its state and a way to prepare it. */
export function SummaryLinks({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation();
  const state = useQuery(`summaries:${sessionId}`, (signal) => api.summaries(sessionId, { signal }));
  return (
    <section
      className="card record-section summary-links"
      aria-labelledby="summary-links-heading"
      data-record-section="summaries"
    >
      <h2 id="summary-links-heading">{t('summary.heading')}</h2>
      <p className="muted">{t('summary.lead')}</p>
      {state.loading ? <Loading /> : null}
      <ErrorNotice error={state.error} onRetry={state.reload} />
      {state.data ? (
        <ul className="summary-audiences">
          {state.data.audiences.map((a) => {
            const name = a.audience.kind === 'partner' ? a.audience.name : '';
            const label =
              a.status === 'new'
                ? a.audience.kind === 'couple'
                  ? t('summary.prepareCouple')
                  : t('summary.preparePartner', { name })
                : a.audience.kind === 'couple'
                  ? t('summary.openCouple')
                  : t('summary.openPartner', { name });
            return (
              <li key={a.key} data-audience={a.slot ?? 'couple'}>
                {a.available ? (
                  <Link to={`/sessions/${sessionId}/summaries/${a.key}`}>{label}</Link>
                ) : (
                  <span className="muted">{t('summary.individualOnly')}</span>
                )}
                {a.available ? (
                  <span className={`badge badge-${a.status}`}>
                    {a.status === 'released' && a.releasedAt
                      ? t('summary.releasedOn', { date: summaryDate(a.releasedAt, i18n.language) })
                      : t(`summary.status.${a.status}`)}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
