import { useTranslation } from 'react-i18next';
import type { ObjectiveStatusDto } from '@tandem/shared';
import { longDate } from './chartText';

/** An objective's computed status, with its baseline, current value and review date (and each partner's). */
export function ObjectiveStatusLine({
  status,
  names,
}: {
  status: ObjectiveStatusDto;
  names: { a: string; b: string };
}) {
  const { t, i18n } = useTranslation();
  const num = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const value = (v: number | null) => (v === null ? '–' : num.format(v));
  return (
    <div className="objective-status">
      <p>
        <span className={`status-badge status-${status.status}`} data-status={status.status}>
          {t('progress.statusLine', { status: t(`progress.status.${status.status}`) })}
        </span>
      </p>
      <p className="muted">
        {t('progress.statusDetail', {
          baseline: value(status.baseline),
          current: value(status.current),
          date: longDate(status.reviewDate, i18n.language),
        })}
      </p>
      {status.byPartner ? (
        <p className="muted">
          {(['a', 'b'] as const)
            .map((slot) =>
              t('progress.statusByPartner', {
                name: names[slot],
                status: t(`progress.status.${status.byPartner![slot].status}`),
              }),
            )
            .join(' · ')}
        </p>
      ) : null}
    </div>
  );
}
