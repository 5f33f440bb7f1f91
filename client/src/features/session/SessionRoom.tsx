import { Suspense, lazy, useState } from 'react';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@tandem/shared';
import { ErrorNotice } from '../../components/feedback';
import { ControlsSlotContext, TabRowSlotContext } from '../room/ControlsSlot';
import { RoomTabs, tabPanelProps } from '../room/RoomTabs';
import type { RoomTab } from '../room/RoomTabs';
import { RoomTopBar } from '../room/RoomTopBar';
import { Splitter } from '../room/Splitter';
import { useRoomLayout } from '../room/useRoomLayout';
import { useRoomNews } from '../room/useRoomNews';
import type { RoomTabId } from '../room/useRoomNews';
import { usePanelWidth } from '../room/usePanelWidth';
import { useStoredWidth } from '../room/useStoredWidth';
import { useViewportWidth } from '../room/useViewportWidth';
import { VIDEO_MIN, videoColumnMax, videoColumnWidth } from '../room/videoColumn';
import { LanguageSwitcher } from '../../i18n/LanguageSwitcher';
import { PresenceList } from './PresenceList';
import { RefusalNotice } from './RefusalNotice';
import { useSessionSocket } from './useSessionSocket';
import { PauseOverlay } from '../timers/PauseOverlay';
import { TimersProvider, useTimers } from '../timers/TimersProvider';
import { ScriptPanel } from '../scripts/ScriptPanel';
import { MeasuresProvider, useMeasures } from '../measures/MeasuresProvider';
import '../../styles/console.css';
import '../../styles/console-phone.css';
import '../../styles/console-video.css';

interface SessionRoomProps {
  role: Role;
  title: string;
  subtitle?: string;
  /** Extra top-bar actions (the therapist's End session, a partner's quick exit). */
  actions?: ReactNode;
  /** A partner's quick exit: it floats above the room, and inside the pause card's modal while a pause runs. */
  quickExit?: ReactNode;
  /**
   * A partner's stop-signal control, shown only inside the pause and check-in overlays, beside the quick exit: the
   * private panel that holds it is behind them (and, on a phone, in a hidden tab).
   */
  overlayControls?: ReactNode;
  /** The therapist's alert region: above every overlay, never made inert by one. */
  alerts?: ReactNode;
  /** Panel content above the presence list (the therapist's waiting room). */
  panelTop?: ReactNode;
  /** A short note on the panel's toggle and tab (e.g. "1 waiting"). */
  panelBadge?: string | null;
  /** The call (video tiles and controls) and the shared workspace (the map). */
  video: ReactNode;
  workspace: ReactNode;
}

const PREFIX = 'room';

// A partner's check-in card (its form and radio groups) loads when one opens; the therapist's room never needs it.
const CheckInDialog = lazy(() => import('../measures/CheckInDialog').then((m) => ({ default: m.CheckInDialog })));

/** The live room shared by therapist and admitted partners: a console that fills the window and never scrolls. */
export function SessionRoom(props: SessionRoomProps) {
  return (
    <TimersProvider>
      <MeasuresProvider role={props.role}>
        <Room {...props} />
      </MeasuresProvider>
    </TimersProvider>
  );
}

function Room(props: SessionRoomProps) {
  const { role, title, subtitle, actions, quickExit, overlayControls, alerts, panelTop, panelBadge, video, workspace } =
    props;
  const { t } = useTranslation();
  const paused = useTimers().view?.pause != null;
  // A partner's check-in card is a modal like the pause card: the quick exit moves inside whichever is shown.
  const measureDialog = useMeasures().dialog;
  const checkingIn = role === 'partner' && measureDialog !== null && !paused;
  const inOverlay =
    quickExit || overlayControls ? (
      <>
        {quickExit}
        {overlayControls}
      </>
    ) : undefined;
  const { participants, self, helloError } = useSessionSocket();
  const layout = useRoomLayout();
  const phone = layout === 'phone';
  const [tab, setTab] = useState<RoomTabId>(phone ? 'call' : 'map');
  const panel = usePanelWidth();
  const viewportWidth = useViewportWidth();
  const videoColumn = useStoredWidth('tandem:room-video', VIDEO_MIN, 1200);
  const besidePanel = panel.collapsed ? 0 : panel.width;
  const videoWidth = videoColumnWidth(videoColumn.width, viewportWidth, besidePanel);
  const [controlsSlot, setControlsSlot] = useState<HTMLElement | null>(null);
  const [tabRowSlot, setTabRowSlot] = useState<HTMLElement | null>(null);
  const news = useRoomNews(role, layout, tab, setTab);
  const panelHeading = role === 'therapist' ? t('room.therapistPanel') : t('room.sidePanel');
  // On a laptop the workspace tabs are Map and Exercise; the call and the panel are always there.
  const shown: RoomTabId = !phone && (tab === 'call' || tab === 'private') ? 'map' : tab;

  const workspaceTabs: RoomTab<RoomTabId>[] = [
    { id: 'map', label: t('room.tabs.map') },
    {
      id: 'exercise',
      label: t('room.tabs.exercise'),
      badge: news.exerciseBadge ?? (news.running ? t('room.news.live') : null),
    },
  ];
  const phoneTabs: RoomTab<RoomTabId>[] = [
    { id: 'call', label: t('room.tabs.call') },
    ...workspaceTabs,
    {
      id: 'private',
      label: role === 'therapist' ? t('room.tabs.panel') : t('room.tabs.private'),
      badge: panelBadge ?? null,
    },
  ];
  const presence = (
    <section aria-labelledby="presence-heading" className="panel-section">
      <h3 id="presence-heading">{t('presence.heading')}</h3>
      <PresenceList participants={participants} selfId={self?.id} />
    </section>
  );

  return (
    <ControlsSlotContext.Provider value={controlsSlot}>
      <TabRowSlotContext.Provider value={phone ? null : tabRowSlot}>
        <div
          className="room"
          data-role={role}
          data-layout={layout}
          data-tab={shown}
          data-panel={panel.collapsed ? 'collapsed' : 'open'}
          style={{ '--panel-width': `${panel.width}px`, '--video-width': `${videoWidth}px` } as CSSProperties}
        >
          {paused || checkingIn ? null : quickExit}
          {alerts}
          <a href="#room-main" className="skip-link">
            {t('app.skipToContent')}
          </a>
          <RoomTopBar
            title={title}
            subtitle={subtitle}
            actions={actions}
            layout={layout}
            panelToggle={
              phone
                ? null
                : {
                    label: panelHeading,
                    badge: panelBadge ?? null,
                    expanded: !panel.collapsed,
                    onToggle: () => panel.setCollapsed(!panel.collapsed),
                  }
            }
          />
          <div className="room-notices">
            <RefusalNotice role={role} />
            <ErrorNotice error={helloError} />
          </div>
          <p role="status" className="visually-hidden">
            {news.announcement}
          </p>
          <main id="room-main" tabIndex={-1} className="room-stage">
            <section aria-labelledby="room-video-heading" className="room-video" id="room-video">
              <h2 id="room-video-heading" className="visually-hidden">
                {t('room.video')}
              </h2>
              {video}
            </section>
            {phone ? null : (
              <Splitter
                label={t('room.resizePanel', { panel: t('room.video') })}
                controls="room-video"
                side="before"
                width={videoWidth}
                min={VIDEO_MIN}
                max={videoColumnMax(viewportWidth, besidePanel)}
                onWidthChange={videoColumn.setWidth}
              />
            )}
            <section aria-labelledby="room-workspace-heading" className="room-workspace">
              <h2 id="room-workspace-heading" className="visually-hidden">
                {t('room.workspace')}
              </h2>
              {phone ? null : (
                <div className="workspace-tab-row">
                  <RoomTabs
                    tabs={workspaceTabs}
                    selected={shown}
                    onSelect={setTab}
                    label={t('room.tabs.workspace')}
                    prefix={PREFIX}
                    className="room-tabs workspace-tabs"
                  />
                  <div className="workspace-tab-row-end" ref={setTabRowSlot} />
                </div>
              )}
              {phone ? (
                <div {...tabPanelProps(PREFIX, 'call', shown === 'call')} className="room-tabpanel call-panel">
                  {presence}
                  <LanguageSwitcher />
                </div>
              ) : null}
              <div {...tabPanelProps(PREFIX, 'map', shown === 'map')} className="room-tabpanel map-panel">
                {workspace}
              </div>
              <div
                {...tabPanelProps(PREFIX, 'exercise', shown === 'exercise')}
                className="room-tabpanel exercise-panel"
              >
                <ScriptPanel role={role} active={shown === 'exercise'} />
              </div>
            </section>
            {phone ? null : (
              <Splitter
                label={t('room.resizePanel', { panel: panelHeading })}
                controls="room-panel"
                side="after"
                width={panel.width}
                min={panel.min}
                max={panel.max}
                collapsed={panel.collapsed}
                onWidthChange={panel.setWidth}
                onCollapsedChange={panel.setCollapsed}
              />
            )}
            <section
              aria-labelledby="room-panel-heading"
              className="room-panel"
              {...(phone
                ? tabPanelProps(PREFIX, 'private', shown === 'private')
                : { id: 'room-panel', hidden: panel.collapsed })}
            >
              <h2 id="room-panel-heading" className="region-heading">
                {panelHeading}
              </h2>
              {panelTop}
              {phone ? null : presence}
            </section>
          </main>
          <footer className="room-controls" aria-label={t('room.controls')}>
            <div className="room-controls-slot" ref={setControlsSlot} />
            {phone ? (
              <RoomTabs
                tabs={phoneTabs}
                selected={shown}
                onSelect={setTab}
                label={t('room.tabs.phone')}
                prefix={PREFIX}
                className="room-tabs phone-tabs"
              />
            ) : null}
          </footer>
          {role === 'partner' && measureDialog !== null ? (
            <Suspense fallback={null}>
              <CheckInDialog quickExit={inOverlay} hidden={paused} />
            </Suspense>
          ) : null}
          <PauseOverlay role={role} quickExit={inOverlay} />
        </div>
      </TabRowSlotContext.Provider>
    </ControlsSlotContext.Provider>
  );
}
