import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { sessionHeld } from '@tandem/shared';
import { api } from '../lib/api';
import { useQuery } from '../lib/useQuery';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { ErrorNotice, Loading } from '../components/feedback';
import { TherapistShell } from '../features/auth/TherapistShell';
import { PdfDownloadButton } from '../features/record/PdfDownloadButton';
import { MapCompare } from '../features/history/MapCompare';
import { historyDate, historyTitle } from '../features/history/historyText';
import '../styles/record.css';
import '../styles/history.css';

/** /couples/:coupleId/history — every session with its record, and two sessions' maps compared. Therapist-only. */
export function CoupleHistoryPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { coupleId = '' } = useParams();
  const history = useQuery(`history:${coupleId}`, (signal) => api.coupleHistory(coupleId, { signal }));
  const data = history.data;
  useDocumentTitle(
    data ? `${t('record.history.title')} · ${data.coupleName}` : t('record.history.title'),
    t('app.name'),
  );
  return (
    <TherapistShell width="wide">
      {data ? (
        <p className="breadcrumb">
          <Link to={`/couples/${coupleId}`}>{t('record.backToCouple', { name: data.coupleName })}</Link>
        </p>
      ) : null}
      <div className="page-heading">
        <h1>{data ? t('record.history.heading', { name: data.coupleName }) : t('record.history.title')}</h1>
      </div>
      {history.loading ? <Loading /> : null}
      <ErrorNotice error={history.error} onRetry={history.reload} />
      {data ? (
        <>
          <section className="card history-section" aria-labelledby="history-compare-heading">
            <h2 id="history-compare-heading">{t('record.history.compareHeading')}</h2>
            <p className="muted">{t('record.history.compareLead')}</p>
            <MapCompare history={data} />
          </section>
          <section className="card history-section" aria-labelledby="history-sessions-heading">
            <h2 id="history-sessions-heading">{t('record.history.sessions')}</h2>
            {data.sessions.length === 0 ? <p className="muted">{t('record.history.noSessions')}</p> : null}
            <ul className="history-sessions">
              {data.sessions.map((s) => {
                const title = historyTitle(s, t, lang);
                return (
                  <li key={s.id} className="history-session" data-history-session={s.id}>
                    <div>
                      <p className="history-session-title">{title}</p>
                      <p className="muted">
                        {[
                          historyDate(s.at, lang),
                          s.partnerName
                            ? t('record.history.individual', { name: s.partnerName })
                            : t('record.history.joint'),
                          t(`record.history.status.${s.status}`),
                          s.map ? t('record.history.mapKept') : '',
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </p>
                    </div>
                    {sessionHeld(s.status) ? (
                      <div className="history-session-actions">
                        <Link to={`/sessions/${s.id}/record`} className="btn btn-secondary btn-small">
                          {t('record.history.openRecord')}
                          <span className="visually-hidden"> {title}</span>
                        </Link>
                        <PdfDownloadButton
                          path={`/sessions/${encodeURIComponent(s.id)}/record.pdf`}
                          fileName="session-record.pdf"
                          className="btn btn-quiet btn-small"
                          label={
                            <>
                              {t('record.history.recordPdf')}
                              <span className="visually-hidden"> {title}</span>
                            </>
                          }
                        />
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </section>
        </>
      ) : null}
    </TherapistShell>
  );
}
