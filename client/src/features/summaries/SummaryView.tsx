import type { ElementType } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerSummary } from '@tandem/shared';
import { sessionTitleOf, sideNamesOf, summaryDate, summaryMapImage, summaryTime } from './summaryText';
import '../../styles/summary.css';

interface SummaryViewProps {
  content: PartnerSummary;
  /** The level of the summary's own heading (its sections are one below). */
  level: 2 | 3;
  /** Id for the heading (the region is labelled by it). */
  headingId: string;
  /** In a list that already shows the title and date: the title for screen readers only. */
  compact?: boolean;
}

/**
 * A partner's summary, as the partner sees it and as the therapist previews it: the same component over the same
 * data, so the preview is what is released. The therapist's words keep the language they were written in.
 */
export function SummaryView({ content, level, headingId, compact = false }: SummaryViewProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const H = `h${level}` as ElementType;
  const H2 = `h${level + 1}` as ElementType;
  const image = summaryMapImage(content, t, lang);
  const sides = sideNamesOf(content, t);
  const next = content.nextSession;
  const title = sessionTitleOf(content.session.title, content.session.date, t, lang);
  const nothing =
    content.message === null &&
    content.task === null &&
    next === null &&
    content.exercises.length === 0 &&
    content.map === null;

  return (
    <article className="summary" aria-labelledby={headingId} data-summary-audience={content.audience.kind}>
      <header className="summary-header">
        <H id={headingId} className={compact ? 'visually-hidden' : 'summary-title'}>
          {title}
        </H>
        <p className="muted">
          {[
            compact ? '' : summaryDate(content.session.date, lang),
            content.audience.kind === 'couple'
              ? t('summary.view.forCouple', { couple: content.coupleName })
              : t('summary.view.forPartner', { name: content.audience.name }),
            t('summary.view.from', { name: content.therapistName }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      </header>

      {content.message !== null ? (
        <section className="summary-part" data-summary-part="message">
          <H2>{t('summary.view.message')}</H2>
          <p className="summary-text" lang={content.language}>
            {content.message}
          </p>
        </section>
      ) : null}

      {content.task !== null ? (
        <section className="summary-part" data-summary-part="task">
          <H2>{t('summary.view.task')}</H2>
          <p className="summary-text" lang={content.language}>
            {content.task}
          </p>
        </section>
      ) : null}

      {next ? (
        <section className="summary-part" data-summary-part="next">
          <H2>{t('summary.view.next')}</H2>
          <p>
            {t('summary.view.nextAt', {
              date: summaryDate(next.at, lang),
              time: summaryTime(next.at, lang),
              minutes: next.minutes,
            })}
            {next.kind === 'individual' ? ` · ${t('summary.view.nextIndividual')}` : ''}
          </p>
        </section>
      ) : null}

      {content.exercises.length > 0 ? (
        <section className="summary-part" data-summary-part="exercises">
          <H2>{t('summary.view.exercises')}</H2>
          <ul className="summary-list">
            {content.exercises.map((e, i) => (
              <li key={i}>
                <strong lang={content.language}>{e.name}</strong>
                <span className="muted">
                  {' · '}
                  {e.completed
                    ? t('summary.view.completed')
                    : t('summary.view.steps', { reached: e.stepsReached, count: e.stepCount })}
                </span>
                {e.roles.length ? (
                  <span className="summary-roles">
                    {e.roles.map((r) => t('summary.view.role', { role: r.roleName, name: r.partnerName })).join(' · ')}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {content.map ? (
        <section className="summary-part" data-summary-part="map">
          <H2>{t('summary.view.map')}</H2>
          {image ? (
            <div className="summary-map" role="region" tabIndex={0} aria-label={t('summary.view.map')}>
              <img src={image} alt={t('summary.view.mapAlt', { count: content.map.nodes.length })} />
            </div>
          ) : (
            <p className="muted">{t('summary.view.mapEmpty')}</p>
          )}
          {content.map.nodes.length > 0 ? (
            <details className="summary-map-list">
              <summary>{t('summary.view.mapList')}</summary>
              <ul>
                {content.map.nodes.map((n) => (
                  <li key={n.id}>
                    <span className="muted">
                      {sides[n.side]} · {t(`map.kind.${n.kind}`)}:
                    </span>{' '}
                    {n.label || t('map.emptyLabel')}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ) : null}

      {nothing ? <p className="muted">{t('summary.view.nothing')}</p> : null}
    </article>
  );
}
