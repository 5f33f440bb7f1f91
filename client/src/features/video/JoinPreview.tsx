import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/feedback';
import { PendingButton } from '../../components/PendingButton';
import { DEFAULT_PREFS } from './localMedia';
import { MediaCheck } from './MediaCheck';
import { useLocalMediaState, useVideo } from './VideoContext';
import { useSessionSocket } from '../session/useSessionSocket';

/** Before joining: see yourself, pick devices, choose camera off or audio only, then join. */
export function JoinPreview() {
  const { t } = useTranslation();
  const { media, join, phase, joinError } = useVideo();
  const s = useLocalMediaState();
  const supervising = useSessionSocket().self?.seat === 'supervisor';

  // A partner who checked their devices in the waiting room arrives with them already open. A supervisor joins
  // muted (they may unmute to speak with the clinicians, the only people they are in a call with).
  useEffect(() => {
    if (media.getState().phase === 'idle')
      void media.start(supervising ? { ...DEFAULT_PREFS, micOn: false } : DEFAULT_PREFS);
  }, [media, supervising]);

  return (
    <MediaCheck intro={t('video.preview.intro')}>
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
    </MediaCheck>
  );
}
