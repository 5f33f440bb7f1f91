import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusOnMount } from '../../lib/useFocusOnMount';

/** Shown to everyone once the session is over. */
export function SessionEnded({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="card card-center" data-view="ended">
      <div role="status">
        <h1 ref={ref} tabIndex={-1}>
          {t('session.ended')}
        </h1>
      </div>
      <p className="lead">{t('session.endedNote')}</p>
      {children}
    </div>
  );
}
