import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { BrandMark } from '../../components/PageShell';
import { LanguageSwitcher } from '../../i18n/LanguageSwitcher';
import { useFocusOnMount } from '../../lib/useFocusOnMount';
import { ConnectionStatus } from '../session/ConnectionStatus';
import { useSessionSocket } from '../session/useSessionSocket';
import { PauseButton } from '../timers/PauseButton';
import { SessionClock } from '../timers/SessionClock';
import type { RoomLayout } from './useRoomLayout';

interface PanelToggle {
  label: string;
  badge: string | null;
  expanded: boolean;
  onToggle: () => void;
}

/** Always on screen: the session's name, clock, connection, Pause, language, and quick exit or End. */
export function RoomTopBar({
  title,
  subtitle,
  actions,
  layout,
  panelToggle,
}: {
  title: string;
  subtitle?: string | undefined;
  actions?: ReactNode;
  layout: RoomLayout;
  panelToggle: PanelToggle | null;
}) {
  const { connection } = useSessionSocket();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <header className="room-bar">
      <div className="room-title">
        <BrandMark />
        <div className="room-title-text">
          <h1 ref={headingRef} tabIndex={-1}>
            {title}
          </h1>
          {subtitle ? <p className="room-subtitle">{subtitle}</p> : null}
        </div>
      </div>
      <div className="room-status">
        <SessionClock />
        <ConnectionStatus connection={connection} />
      </div>
      <div className="room-actions">
        <PauseButton />
        {panelToggle ? (
          <Button
            className="btn btn-secondary btn-small panel-toggle"
            aria-expanded={panelToggle.expanded}
            aria-controls="room-panel"
            onPress={panelToggle.onToggle}
          >
            {panelToggle.label}
            {panelToggle.badge ? <span className="toggle-badge">{panelToggle.badge}</span> : null}
          </Button>
        ) : null}
        {layout === 'desk' ? <LanguageSwitcher /> : null}
        {actions}
      </div>
    </header>
  );
}
