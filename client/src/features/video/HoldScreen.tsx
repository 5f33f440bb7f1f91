import { useTranslation } from 'react-i18next';
import type { BreakoutState } from '@tandem/shared';
import { formatElapsed, useElapsed } from './useElapsed';

/** What the partner on hold sees during a breakout: calm, how long it has lasted, the therapist's message. */
export function HoldScreen({
  breakout,
  clockOffset,
  therapistName,
}: {
  breakout: BreakoutState;
  clockOffset: number;
  therapistName: string;
}) {
  const { t } = useTranslation();
  const elapsed = useElapsed(breakout.startedAt, clockOffset);
  return (
    <div className="hold-screen" data-view="hold">
      <div className="hold-breath" aria-hidden="true" />
      <h3 className="hold-title">{t('video.hold.title')}</h3>
      {/* A standard reason (the safety protocol's): said the same way to each partner in turn. */}
      {breakout.reason ? (
        <p className="hold-body hold-reason">
          {t(`video.hold.reasons.${breakout.reason}`, { therapist: therapistName })}
        </p>
      ) : null}
      <p className="hold-body">{t('video.hold.body', { therapist: therapistName })}</p>
      {breakout.message ? (
        <blockquote className="hold-message">
          <p>{breakout.message}</p>
          <footer>{therapistName}</footer>
        </blockquote>
      ) : null}
      <p className="hold-elapsed">
        {t('video.hold.elapsed')} <time dateTime={`PT${elapsed}S`}>{formatElapsed(elapsed)}</time>
      </p>
    </div>
  );
}
