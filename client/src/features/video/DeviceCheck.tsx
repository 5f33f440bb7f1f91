import { useTranslation } from 'react-i18next';
import type { LocalMedia } from './localMedia';
import { MediaCheck } from './MediaCheck';
import { LocalMediaContext } from './VideoContext';

/**
 * The waiting room's camera and microphone check, on the partner page's LocalMedia: what they pick here (devices,
 * mute, camera off) is what the call starts with once they are let in. Loaded only when they ask for it.
 */
export function DeviceCheck({ media }: { media: LocalMedia }) {
  const { t } = useTranslation();
  return (
    <LocalMediaContext.Provider value={media}>
      <MediaCheck intro={t('video.check.speak')} />
    </LocalMediaContext.Provider>
  );
}
