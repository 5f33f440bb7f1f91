/** The partner's screens before and around the room: details, link trouble, declined, waiting. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinInfoDto } from '@tandem/shared';
import { formatScheduled } from '../../lib/format';
import { useFocusOnMount } from '../../lib/useFocusOnMount';
import '../../styles/join.css';

export function partnerTitle(info: Pick<JoinInfoDto, 'title'>, t: (key: string) => string): string {
  return info.title.trim() || t('partner.defaultTitle');
}

/** Couple name, session title (the page's h1) and who the therapist is. */
export function SessionHeader({ info, focus = true }: { info: JoinInfoDto; focus?: boolean }) {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLHeadingElement>(focus);
  const title = partnerTitle(info, t);
  return (
    <header className="session-header">
      {title !== info.coupleName ? <p className="eyebrow">{info.coupleName}</p> : null}
      <h1 ref={ref} tabIndex={-1}>
        {title}
      </h1>
      <p className="muted">{t('partner.withTherapist', { name: info.therapistName })}</p>
      <ScheduledTime iso={info.scheduledAt} />
    </header>
  );
}

/**
 * The link in the address bar is not a whole invite (cut short when copied, wrapped by a mail program, or no code
 * at all): nothing was sent to the server, so say what to do rather than that it expired.
 */
export function LinkIncomplete() {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="card link-trouble" data-view="link-incomplete">
      <h1 ref={ref} tabIndex={-1}>
        {t('join.linkIncompleteTitle')}
      </h1>
      <p role="alert" className="lead">
        {t('join.linkIncomplete')}
      </p>
      <ul className="steps">
        <li>{t('join.linkIncompleteCopy')}</li>
        <li>{t('join.linkIncompleteAsk')}</li>
      </ul>
    </div>
  );
}

/** The invite is unknown, expired, revoked or for another device. */
export function LinkInvalid() {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="card link-trouble" data-view="link-invalid">
      <h1 ref={ref} tabIndex={-1}>
        {t('join.linkInvalidTitle')}
      </h1>
      <p role="alert" className="lead">
        {t('join.linkInvalid')}
      </p>
    </div>
  );
}

/** The session this link was for was cancelled by the therapist: calm, and nothing to do but wait to hear. */
export function LinkCancelled() {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="card link-trouble" data-view="link-cancelled">
      <h1 ref={ref} tabIndex={-1}>
        {t('join.cancelledTitle')}
      </h1>
      <p role="alert" className="lead">
        {t('join.cancelled')}
      </p>
      <p>{t('join.cancelledNext')}</p>
    </div>
  );
}

export function Declined() {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="card card-center" data-view="declined">
      <div role="status">
        <h1 ref={ref} tabIndex={-1}>
          {t('partner.declined')}
        </h1>
      </div>
      <p className="lead">{t('partner.declinedNote')}</p>
    </div>
  );
}

/** The session's planned start in the reader's language and time zone, when one was set. */
export function ScheduledTime({ iso }: { iso: string | null }) {
  const { t, i18n } = useTranslation();
  const when = formatScheduled(iso, i18n.language);
  if (!when || !iso) return null;
  return (
    <p className="scheduled-time">
      <time dateTime={iso}>{t('partner.scheduledFor', when)}</time>
    </p>
  );
}

export function Waiting({
  info,
  returning,
  connection,
  deviceCheck,
}: {
  info: JoinInfoDto;
  /** Admitted earlier in this session: the therapist lets them back in. */
  returning: boolean;
  connection: ReactNode;
  deviceCheck?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="card" data-view="waiting" data-returning={returning || undefined}>
      <SessionHeader info={info} />
      <div role="status" className="waiting">
        <span className="waiting-pulse" aria-hidden="true" />
        <div>
          <p className="waiting-title">{returning ? t('partner.waitingReturning') : t('partner.waiting')}</p>
          <p className="muted">{returning ? t('partner.waitingReturningNote') : t('partner.waitingNote')}</p>
        </div>
      </div>
      {connection}
      {deviceCheck}
    </div>
  );
}
