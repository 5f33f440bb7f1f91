import { useState } from 'react';
import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Role } from '@tandem/shared';
import { LanguageSwitcher } from '../../i18n/LanguageSwitcher';
import { BrandMark } from '../../components/PageShell';
import { ErrorNotice } from '../../components/feedback';
import { useFocusOnMount } from '../../lib/useFocusOnMount';
import { ConnectionStatus } from './ConnectionStatus';
import { PresenceList } from './PresenceList';
import { RefusalNotice } from './RefusalNotice';
import { useSessionSocket } from './useSessionSocket';
import { PauseButton } from '../timers/PauseButton';
import { PauseOverlay } from '../timers/PauseOverlay';
import { SessionClock } from '../timers/SessionClock';
import { TimersProvider, useTimers } from '../timers/TimersProvider';
import { ScriptPanel } from '../scripts/ScriptPanel';

interface SessionRoomProps {
  role: Role;
  title: string;
  subtitle?: string;
  /** Extra top-bar actions (the therapist's End session). */
  actions?: ReactNode;
  /** A partner's quick exit: it floats above the room, and inside the pause card's modal while a pause runs. */
  quickExit?: ReactNode;
  /** The therapist's alert region: above every overlay, never made inert by one. */
  alerts?: ReactNode;
  /** Panel content above the presence list (the therapist's waiting room). */
  panelTop?: ReactNode;
  /** A short note on the phone-only panel toggle (e.g. "1 waiting"). */
  panelBadge?: string | null;
  /** Later features fill these regions; a calm placeholder line shows until then. */
  video?: ReactNode;
  workspace?: ReactNode;
}

/** The live room shared by therapist and admitted partners: top bar, video, workspace, side panel. */
export function SessionRoom(props: SessionRoomProps) {
  return (
    <TimersProvider>
      <Room {...props} />
    </TimersProvider>
  );
}

function Room(props: SessionRoomProps) {
  const { role, title, subtitle, actions, quickExit, alerts, panelTop, panelBadge, video, workspace } = props;
  const { t } = useTranslation();
  const paused = useTimers().view?.pause != null;
  const { connection, participants, self, helloError } = useSessionSocket();
  const [panelOpen, setPanelOpen] = useState(false);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const panelHeading = role === 'therapist' ? t('room.therapistPanel') : t('room.sidePanel');

  return (
    <div className="room" data-role={role}>
      {paused ? null : quickExit}
      {alerts}
      <a href="#room-main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <header className="room-bar">
        <div className="room-title">
          <BrandMark />
          <div>
            <h1 ref={headingRef} tabIndex={-1}>
              {title}
            </h1>
            {subtitle ? <p className="room-subtitle">{subtitle}</p> : null}
          </div>
        </div>
        <SessionClock />
        <ConnectionStatus connection={connection} />
        <div className="room-actions">
          <PauseButton />
          <Button
            className="btn btn-secondary btn-small panel-toggle"
            aria-expanded={panelOpen}
            aria-controls="room-panel"
            onPress={() => setPanelOpen((open) => !open)}
          >
            {panelHeading}
            {panelBadge ? <span className="toggle-badge">{panelBadge}</span> : null}
          </Button>
          <LanguageSwitcher />
          {actions}
        </div>
      </header>
      <main id="room-main" tabIndex={-1} className="room-main">
        <div className="room-notices">
          <RefusalNotice role={role} />
          <ErrorNotice error={helloError} />
        </div>
        <section aria-labelledby="room-video-heading" className="room-region room-video">
          <h2 id="room-video-heading" className="region-heading">
            {t('room.video')}
          </h2>
          {video ?? <p className="placeholder">{t('room.videoPlaceholder')}</p>}
        </section>
        <section aria-labelledby="room-workspace-heading" className="room-region room-workspace">
          <h2 id="room-workspace-heading" className="region-heading">
            {t('room.workspace')}
          </h2>
          <ScriptPanel role={role} />
          {workspace ?? <p className="placeholder">{t('room.workspacePlaceholder')}</p>}
        </section>
        <section
          id="room-panel"
          aria-labelledby="room-panel-heading"
          className="room-region room-panel"
          data-open={panelOpen || undefined}
        >
          <h2 id="room-panel-heading" className="region-heading">
            {panelHeading}
          </h2>
          {panelTop}
          <section aria-labelledby="presence-heading" className="panel-section">
            <h3 id="presence-heading">{t('presence.heading')}</h3>
            <PresenceList participants={participants} selfId={self?.id} />
          </section>
        </section>
      </main>
      <PauseOverlay role={role} quickExit={quickExit} />
    </div>
  );
}
