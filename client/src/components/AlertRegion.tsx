import { useLayoutEffect, useRef, type ReactNode } from 'react';
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
  const ref = useRef<HTMLDivElement>(null);
  usePlacement(ref, alerts.length);
  return (
    <div
      ref={ref}
      className="alert-region"
      data-react-aria-top-layer="true"
      aria-label={t('alerts.region')}
      role="region"
    >
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

/**
 * Keeps the room's own controls in view: the region sits just below the room's top bar (the therapist's Pause and
 * End session live there), and tells the page how far down it reaches (`--alert-bottom` on the root), so a pause
 * card below it starts after it instead of under it.
 */
function usePlacement(ref: { current: HTMLDivElement | null }, count: number) {
  useLayoutEffect(() => {
    const region = ref.current;
    if (!region || count === 0) return;
    const root = document.documentElement;
    const bar = region.parentElement?.querySelector('.room-bar') ?? null;
    const place = () => {
      const top = bar ? Math.round(bar.getBoundingClientRect().bottom) : 0;
      region.style.setProperty('--alert-top', `${Math.max(0, top)}px`);
      root.style.setProperty('--alert-bottom', `${Math.round(region.getBoundingClientRect().bottom)}px`);
    };
    const observer = new ResizeObserver(place);
    observer.observe(region);
    if (bar) observer.observe(bar);
    window.addEventListener('resize', place);
    place();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', place);
      region.style.removeProperty('--alert-top');
      root.style.removeProperty('--alert-bottom');
    };
  }, [ref, count]);
}
