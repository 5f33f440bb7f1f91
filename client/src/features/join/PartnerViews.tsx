/** The partner's screens before and around the room: details, link trouble, declined, waiting. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinInfoDto } from '@tandem/shared';
import { useFocusOnMount } from '../../lib/useFocusOnMount';

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
    </header>
  );
}

/** The invite is unknown, expired, revoked or for another device. */
export function LinkInvalid() {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="card card-center" data-view="link-invalid">
      <h1 ref={ref} tabIndex={-1}>
        {t('join.linkInvalidTitle')}
      </h1>
      <p role="alert" className="lead">
        {t('join.linkInvalid')}
      </p>
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

export function Waiting({ info, connection }: { info: JoinInfoDto; connection: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="card" data-view="waiting">
      <SessionHeader info={info} />
      <div role="status" className="waiting">
        <span className="waiting-pulse" aria-hidden="true" />
        <div>
          <p className="waiting-title">{t('partner.waiting')}</p>
          <p className="muted">{t('partner.waitingNote')}</p>
        </div>
      </div>
      {connection}
    </div>
  );
}
