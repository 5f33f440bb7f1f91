import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import './alertRegion.css';

export interface RegionAlert {
  /** Stable key (e.g. `quick-exit:<personId>`). */
  id: string;
  /** Who it is about: the region's owner clears it when that person is back. */
  personId: string;
  message: ReactNode;
  /** More buttons beside Dismiss (e.g. the safety protocol's one click). */
  actions?: ReactNode;
  /** false: no Dismiss button (a running protocol is stopped, not dismissed). */
  dismissable?: boolean;
}

/**
 * Alerts that must not wait: shown above every overlay (pause card, dialogs) and kept out of their inert
 * region, each announced at once (role=alert), each dismissable. Quick exit today, every safety alert later.
 */
export function AlertRegion({ alerts, onDismiss }: { alerts: RegionAlert[]; onDismiss: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert-region" data-react-aria-top-layer="true" aria-label={t('alerts.region')} role="region">
      {alerts.map((a) => (
        <div key={a.id} className="region-alert" role="alert" data-alert={a.id} data-person={a.personId}>
          <div className="region-alert-text">{a.message}</div>
          {a.actions}
          {a.dismissable === false ? null : (
            <Button className="btn btn-secondary btn-small" onPress={() => onDismiss(a.id)}>
              {t('alerts.dismiss')}
            </Button>
          )}
        </div>
      ))}
    </div>
  );
}
