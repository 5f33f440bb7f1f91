import { ToggleButton } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { StatusLine } from '../../components/feedback';
import { useLocalMedia, useLocalMediaState } from './VideoContext';

/** Mute, camera off and audio only: toggle buttons whose pressed state is announced; a live line says the result. */
export function MediaToggles() {
  const { t } = useTranslation();
  const media = useLocalMedia();
  const s = useLocalMediaState();
  const status = [
    s.micOn ? t('video.status.micOn') : t('video.status.micOff'),
    s.audioOnly ? t('video.status.audioOnly') : s.camOn ? t('video.status.camOn') : t('video.status.camOff'),
  ].join(' ');
  return (
    <>
      <ToggleButton
        className="btn btn-secondary media-toggle"
        isSelected={!s.micOn}
        onChange={(muted) => void media.setMic(!muted)}
      >
        {t('video.controls.mute')}
      </ToggleButton>
      <ToggleButton
        className="btn btn-secondary media-toggle"
        isSelected={!s.camOn}
        isDisabled={s.audioOnly}
        onChange={(off) => void media.setCam(!off)}
      >
        {t('video.controls.cameraOff')}
      </ToggleButton>
      <ToggleButton
        className="btn btn-secondary media-toggle"
        isSelected={s.audioOnly}
        onChange={(on) => void media.setAudioOnly(on)}
      >
        {t('video.controls.audioOnly')}
      </ToggleButton>
      <StatusLine className="visually-hidden">{status}</StatusLine>
    </>
  );
}
