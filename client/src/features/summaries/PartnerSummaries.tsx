import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ReleasedSummaryItemDto } from '@tandem/shared';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { ErrorNotice, Loading } from '../../components/feedback';
import { PdfDownloadButton } from '../record/PdfDownloadButton';
import { SummaryView } from './SummaryView';
import { sessionTitleOf, summaryDate } from './summaryText';
import '../../styles/summary.css';

function OpenSummary({ sessionId, item, title }: { sessionId: string; item: ReleasedSummaryItemDto; title: string }) {
  const { t } = useTranslation();
  const summary = useQuery(`released-summary:${item.id}`, (signal) =>
    api.releasedSummary(sessionId, item.id, { signal }),
  );
  return (
    <div className="summary-open" id={`summary-${item.id}`}>
      {summary.loading ? <Loading /> : null}
      <ErrorNotice error={summary.error} onRetry={summary.reload} />
      {summary.data ? (
        <>
          <SummaryView content={summary.data.content} level={3} headingId={`summary-title-${item.id}`} compact />
          <PdfDownloadButton
            path={`/join/${sessionId}/summaries/${item.id}.pdf`}
            fileName="session-summary.pdf"
            label={
              <>
                {t('summary.pdf')}
                <span className="visually-hidden"> {title}</span>
              </>
            }
            className="btn btn-secondary btn-small"
          />
        </>
      ) : null}
    </div>
  );
}

/**
 * "Summaries from your therapist" on a partner's side (before and after a session, through their link): only
 * what the server lists for this partner; nothing shows when there is none.
 */
export function PartnerSummaries({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation();
  const list = useQuery(`released-summaries:${sessionId}`, (signal) => api.releasedSummaries(sessionId, { signal }));
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const items = list.data ?? [];
  if (list.loading || (items.length === 0 && !list.error)) return null;
  const lang = i18n.language;
  return (
    <section className="card partner-summaries" aria-labelledby="partner-summaries-heading" data-view="summaries">
      <h2 id="partner-summaries-heading">{t('summary.partner.heading')}</h2>
      <ErrorNotice error={list.error} onRetry={list.reload} />
      <ul className="summary-items">
        {items.map((item) => {
          const untitled = item.sessionTitle.trim() === '';
          const title = sessionTitleOf(item.sessionTitle, item.sessionDate, t, lang);
          const isOpen = open.has(item.id);
          return (
            <li key={item.id} data-summary-personal={item.personal}>
              <div className="summary-item">
                <div>
                  <p className="summary-item-title">{title}</p>
                  <p className="muted">
                    {[
                      item.sessionDate && !untitled
                        ? t('summary.partner.sessionOf', { date: summaryDate(item.sessionDate, lang) })
                        : '',
                      item.personal ? t('summary.partner.forYou') : t('summary.partner.forBoth'),
                      t('summary.partner.releasedOn', { date: summaryDate(item.releasedAt, lang) }),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                </div>
                <Button
                  className="btn btn-secondary btn-small"
                  aria-expanded={isOpen}
                  aria-controls={isOpen ? `summary-${item.id}` : undefined}
                  onPress={() => toggle(item.id)}
                >
                  {isOpen ? t('summary.partner.close') : t('summary.partner.open')}
                  <span className="visually-hidden"> {title}</span>
                </Button>
              </div>
              {isOpen ? <OpenSummary sessionId={sessionId} item={item} title={title} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
