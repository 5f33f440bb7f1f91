import { useTranslation } from 'react-i18next';
import { SESSION_HEADS_UP_MS } from '@tandem/shared';
import { formatElapsed } from './format';
import { useServerNow, useTimers } from './TimersProvider';

/** The top bar's session clock: time in, time left, and a gentle heads-up near the planned end. */
export function SessionClock() {
  const { t } = useTranslation();
  const { view } = useTimers();
  const now = useServerNow(1000);
  const session = view?.session;
  if (!session) return null;
  if (session.startedAt === null || session.plannedEnd === null) {
    return (
      <p className="session-clock" data-clock="not-started">
        <span className="visually-hidden">{t('timers.clock.label')}: </span>
        {t('timers.clock.notStarted')}
      </p>
    );
  }
  const left = session.plannedEnd - now;
  const headsUp = left <= SESSION_HEADS_UP_MS;
  const minutesLeft = Math.ceil(Math.abs(left) / 60_000);
  return (
    <div className="session-clock" data-clock={headsUp ? 'heads-up' : 'running'} data-planned-end={session.plannedEnd}>
      <p className="session-clock-line">
        <span className="visually-hidden">{t('timers.clock.label')}: </span>
        <span className="session-clock-elapsed">
          {t('timers.clock.elapsed', { elapsed: formatElapsed(now - session.startedAt) })}
        </span>
        {/* The phone's compact clock: the time alone; the words above stay for screen readers. */}
        <span className="session-clock-compact" aria-hidden="true">
          {formatElapsed(now - session.startedAt)}
        </span>
        <span className="session-clock-left">
          {left >= 0
            ? t('timers.clock.left', { minutes: minutesLeft })
            : t('timers.clock.over', { minutes: minutesLeft })}
        </span>
      </p>
      {/* Announced once when it appears; not re-announced every minute. */}
      <p role="status" className={headsUp && left > 0 ? 'session-clock-heads-up' : 'visually-hidden'}>
        {headsUp && left > 0 ? t('timers.clock.headsUp', { minutes: Math.round(SESSION_HEADS_UP_MS / 60_000) }) : ''}
      </p>
    </div>
  );
}
