import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionSocket } from '../session/useSessionSocket';
import { DevicePickers } from './DevicePickers';
import { MediaToggles } from './MediaToggles';
import { MicLevel } from './MicLevel';
import { useLocalMediaState } from './VideoContext';
import { VideoTile } from './VideoTile';
import './video.css';
import './mediaCheck.css';

/**
 * See and hear yourself: the self view, a microphone meter, device pickers and the mute / camera toggles. The call's
 * preview and the partner's waiting-room check both show this, on the LocalMedia of their context.
 */
export function MediaCheck({ intro, children }: { intro: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  const { self } = useSessionSocket();
  const s = useLocalMediaState();
  return (
    <div className="video-preview">
      <div className="preview-self">
        <VideoTile
          personId={self?.id ?? 'self'}
          name={self?.name ?? ''}
          self
          stream={s.selfView}
          micOn={s.micOn}
          camOn={s.camOn && !s.audioOnly}
          state="self"
        />
        <MicLevel stream={s.micOn ? s.micStream : null} />
      </div>
      <div className="preview-side">
        <p className="preview-intro">{intro}</p>
        {s.error ? (
          <p role="alert" className="notice notice-error">
            {t(`video.mediaError.${s.error}`)}
          </p>
        ) : null}
        <DevicePickers />
        <div className="media-toggles" role="group" aria-label={t('video.controls.group')}>
          <MediaToggles />
        </div>
        {children}
      </div>
    </div>
  );
}
