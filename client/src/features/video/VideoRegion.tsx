import { PauseMediaBridge } from './PauseMediaBridge';
import { Button, Dialog, DialogTrigger, Heading, Popover } from 'react-aria-components';
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
import './video.css';

/** The room's video region: preview, then tiles and controls; the hold screen for a partner left out of a breakout. */
/** The video region, with cameras and microphones following the pause card. */
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
  const { phase, breakout, clockOffset, leave } = useVideo();
  const local = useLocalMediaState();
  const snapshot = useMeshSnapshot();
  const therapist = participants.find((p) => p.role === 'therapist');
  const partners = participants.filter((p) => p.role === 'partner');

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

  return (
    <div className="video-call" data-phase={phase}>
      {role === 'therapist' ? <BreakoutControls partners={partners} /> : null}
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
      <ul className="tiles" aria-label={t('video.tiles')} data-count={others.length + 1}>
        <li>
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
            <li key={p.id}>
              <VideoTile
                personId={p.id}
                name={p.name}
                stream={view?.stream ?? null}
                micOn={view?.media?.micOn ?? null}
                camOn={view?.media ? view.media.camOn : null}
                state={view?.state ?? (inCall ? 'connecting' : 'absent')}
                quality={view?.quality?.quality ?? null}
                hidePicture={local.audioOnly}
              />
            </li>
          );
        })}
      </ul>
      <InControlsBar>
        <div className="call-controls" role="group" aria-label={t('video.controls.group')}>
          <MediaToggles />
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
    </div>
  );
}
