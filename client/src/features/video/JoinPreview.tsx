import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/feedback';
import { PendingButton } from '../../components/PendingButton';
import { useSessionSocket } from '../session/useSessionSocket';
import { DEFAULT_PREFS } from './localMedia';
import { DevicePickers } from './DevicePickers';
import { MediaToggles } from './MediaToggles';
import { useLocalMediaState, useVideo } from './VideoContext';
import { VideoTile } from './VideoTile';

/** Before joining: see yourself, pick devices, choose camera off or audio only, then join. */
export function JoinPreview() {
  const { t } = useTranslation();
  const { media, join, phase, joinError } = useVideo();
  const { self } = useSessionSocket();
  const s = useLocalMediaState();

  useEffect(() => {
    if (media.getState().phase === 'idle') void media.start(DEFAULT_PREFS);
  }, [media]);

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
      </div>
      <div className="preview-side">
        <p className="preview-intro">{t('video.preview.intro')}</p>
        {s.error ? (
          <p role="alert" className="notice notice-error">
            {t(`video.mediaError.${s.error}`)}
          </p>
        ) : null}
        <DevicePickers />
        <div className="media-toggles" role="group" aria-label={t('video.controls.group')}>
          <MediaToggles />
        </div>
        <ErrorNotice error={joinError} />
        <div className="preview-actions">
          <PendingButton
            className="btn btn-primary"
            pending={phase === 'joining'}
            isDisabled={s.phase === 'acquiring'}
            onPress={() => void join(media.prefs())}
          >
            {t('video.preview.join')}
          </PendingButton>
          {s.phase === 'acquiring' ? <span className="preview-wait">{t('video.preview.starting')}</span> : null}
        </div>
      </div>
    </div>
  );
}
