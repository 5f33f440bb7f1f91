import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import type { CSSProperties } from 'react';
import { PauseMediaBridge } from './PauseMediaBridge';
import {
  Button,
  Dialog,
  DialogTrigger,
  Heading,
  Popover,
  ToggleButton,
  Tooltip,
  TooltipTrigger,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { breakoutAllows } from '@tandem/shared';
import type { Role } from '@tandem/shared';
import { useSessionSocket } from '../session/useSessionSocket';
import { BreakoutControls } from './BreakoutControls';
import { DevicePickers } from './DevicePickers';
import { HoldScreen } from './HoldScreen';
import { JoinPreview } from './JoinPreview';
import { MediaToggles } from './MediaToggles';
import { useLocalMediaState, useMeshSnapshot, useVideo } from './VideoContext';
import { VideoTile } from './VideoTile';
import { InControlsBar } from '../room/ControlsSlot';
import { StatusLine } from '../../components/feedback';
import { useRoomLayout } from '../room/useRoomLayout';
import { QuickExitButton } from '../private/QuickExit';
import { useTimers } from '../timers/TimersProvider';
import { placeTiles, speakersAfter } from './speakerView';
import type { Speakers, VideoView } from './speakerView';
import { useFullscreen } from './useFullscreen';
import { useVideoView } from './useVideoView';
import './video.css';

/**
 * The room's video region: preview, then tiles and controls; the hold screen for a partner left out of a breakout.
 * Cameras and microphones follow the pause card.
 */
export function VideoRegion({ role }: { role: Role }) {
  return (
    <>
      <PauseMediaBridge />
      <VideoRegionContent role={role} />
    </>
  );
}

function VideoRegionContent({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { self, participants } = useSessionSocket();
  const { phase, breakout, clockOffset } = useVideo();
  const local = useLocalMediaState();
  const snapshot = useMeshSnapshot();
  const therapist = participants.find((p) => p.role === 'therapist');
  const desk = useRoomLayout() === 'desk';
  const [chosenView, setView] = useVideoView();
  const view = desk ? chosenView : 'gallery';
  const [pinned, setPinned] = useState<string | null>(null);
  const [speakers, setSpeakers] = useState<Speakers>({ speaking: [], shown: null });
  const [callElement, setCallElement] = useState<HTMLDivElement | null>(null);
  const full = useFullscreen(callElement);
  // A pause card and its quick exit show outside the video: leave full screen when a pause starts.
  const paused = useTimers().view?.pause != null;
  const { exit: exitFullscreen } = full;
  useEffect(() => {
    if (paused) exitFullscreen();
  }, [paused, exitFullscreen]);

  // The same functions on every render: the tiles are memoised, and the region re-renders whenever anyone starts
  // or stops speaking.
  const onSpeakingChange = useCallback(
    (id: string, speaking: boolean) => setSpeakers((prev) => speakersAfter(prev, id, speaking)),
    [],
  );
  const togglePin = useCallback(
    (id: string) => {
      // Pinning someone is asking to see them large: the speaker view shows them.
      setPinned((was) => (was === id ? null : id));
      if (pinned !== id) setView('speaker');
    },
    [pinned, setView],
  );
  const partners = useMemo(() => participants.filter((p) => p.role === 'partner'), [participants]);

  if (role === 'partner' && breakout && self && breakout.partnerId !== self.id) {
    return <HoldScreen breakout={breakout} clockOffset={clockOffset} therapistName={therapist?.name ?? ''} />;
  }
  if (phase !== 'joined' || !self) return <JoinPreview />;

  const weak = snapshot.peers.filter((p) => p.weak);
  const others = participants.filter(
    (p) =>
      p.id !== self.id &&
      (p.status === 'online' || p.status === 'reconnecting') &&
      breakoutAllows(breakout, therapist?.id ?? '', self.id, p.id),
  );

  const places = placeTiles(
    view,
    self.id,
    others.map((p) => p.id),
    pinned,
    speakers.shown,
  );
  const pinnedName = others.find((p) => p.id === pinned)?.name ?? null;
  const placeOf = (id: string) => {
    const place = places.get(id);
    return {
      'data-size': place?.size,
      style: { order: place?.order, '--slot': place?.slot ?? undefined } as CSSProperties,
    };
  };

  return (
    <div className="video-call" data-phase={phase} data-view={view} ref={setCallElement}>
      {role === 'therapist' && (self.seat ?? 'lead') === 'lead' ? <BreakoutControls partners={partners} /> : null}
      {role === 'partner' && breakout ? (
        <p className="breakout-bar breakout-note">
          {t('video.breakout.activePartner', { therapist: therapist?.name })}
        </p>
      ) : null}
      {weak.map((p) => (
        <p key={p.personId} role="status" className="notice notice-warn quality-hint">
          {t('video.quality.hint', { name: participants.find((x) => x.id === p.personId)?.name ?? '' })}
        </p>
      ))}
      <ul className="tiles" aria-label={t('video.tiles')} data-count={others.length + 1} data-view={view}>
        <li {...placeOf(self.id)}>
          <VideoTile
            personId={self.id}
            name={self.name}
            self
            stream={local.selfView}
            micOn={local.micOn && !local.paused}
            camOn={local.camOn && !local.audioOnly && !local.paused}
            state="self"
          />
        </li>
        {others.map((p) => {
          const view = snapshot.peers.find((v) => v.personId === p.id);
          const inCall = view || snapshot.present.includes(p.id);
          return (
            <li key={p.id} {...placeOf(p.id)}>
              <VideoTile
                personId={p.id}
                name={p.name}
                stream={view?.stream ?? null}
                micOn={view?.media?.micOn ?? null}
                camOn={view?.media ? view.media.camOn : null}
                state={view?.state ?? (inCall ? 'connecting' : 'absent')}
                quality={view?.quality?.quality ?? null}
                hidePicture={local.audioOnly}
                onSpeakingChange={onSpeakingChange}
                onPin={desk ? togglePin : undefined}
                pinned={pinned === p.id}
              />
            </li>
          );
        })}
      </ul>
      <StatusLine className="visually-hidden">
        {pinnedName ? t('video.status.pinned', { name: pinnedName }) : null}
      </StatusLine>
      {full.active ? (
        <div className="fullscreen-bar">
          <Button className="btn btn-secondary" onPress={full.exit}>
            {t('video.controls.exitFullScreen')}
          </Button>
          {role === 'partner' ? <QuickExitButton /> : null}
        </div>
      ) : null}
      <CallControls desk={desk} view={view} onViewChange={setView} fullscreen={full.supported ? full.enter : null} />
    </div>
  );
}

/**
 * Mute, camera, views, full screen, devices and leave, in the room's controls bar. Memoised: the region re-renders
 * whenever anyone starts or stops speaking, and these buttons show none of that.
 */
const CallControls = memo(function CallControls(props: {
  desk: boolean;
  view: VideoView;
  onViewChange: (view: VideoView) => void;
  /** Enters full screen; null where the browser offers none. */
  fullscreen: (() => void) | null;
}) {
  const { desk, view, onViewChange: setView, fullscreen } = props;
  const { t } = useTranslation();
  const { leave } = useVideo();
  return (
    <InControlsBar>
      <div className="call-controls" role="group" aria-label={t('video.controls.group')}>
        <MediaToggles />
        {desk ? (
          <ToggleButton
            className="btn btn-secondary media-toggle"
            isSelected={view === 'speaker'}
            onChange={(speaker) => setView(speaker ? 'speaker' : 'gallery')}
          >
            {t('video.controls.speakerView')}
          </ToggleButton>
        ) : null}
        {fullscreen ? (
          <TooltipTrigger delay={500}>
            <Button
              className="btn btn-secondary fullscreen-button"
              onPress={fullscreen}
              aria-label={t('video.controls.fullScreen')}
            >
              <FullscreenIcon />
            </Button>
            <Tooltip className="tooltip" placement="top" offset={6}>
              {t('video.controls.fullScreen')}
            </Tooltip>
          </TooltipTrigger>
        ) : null}
        <DialogTrigger>
          <Button className="btn btn-secondary">{t('video.controls.devices')}</Button>
          <Popover className="devices-popover" placement="top">
            <Dialog className="dialog devices-dialog">
              <Heading slot="title" className="dialog-title">
                {t('video.controls.devices')}
              </Heading>
              <DevicePickers />
            </Dialog>
          </Popover>
        </DialogTrigger>
        <Button className="btn btn-danger leave-call" onPress={() => void leave()}>
          {t('video.controls.leave')}
        </Button>
      </div>
    </InControlsBar>
  );
});

function FullscreenIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}
