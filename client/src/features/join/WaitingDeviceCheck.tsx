import { Suspense, lazy, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/feedback';
import { DEFAULT_PREFS, type LocalMedia } from '../video/localMedia';

const DeviceCheck = lazy(async () => ({ default: (await import('../video/DeviceCheck')).DeviceCheck }));

/**
 * "Check your camera and microphone" in the waiting room: nothing opens until the partner asks (one button that
 * starts and stops the test in place, so focus stays on it); the check itself loads on demand.
 */
export function WaitingDeviceCheck({ media }: { media: LocalMedia }) {
  const { t } = useTranslation();
  const [checking, setChecking] = useState(() => media.getState().phase !== 'idle');

  const toggle = () => {
    if (checking) {
      media.dispose();
      setChecking(false);
      return;
    }
    media.activate();
    // The meter needs running audio: start it inside this press.
    media.resumeAudio();
    void media.start(DEFAULT_PREFS);
    setChecking(true);
  };

  return (
    <section className="device-check" aria-labelledby="device-check-heading">
      <h2 id="device-check-heading">{t('video.check.heading')}</h2>
      <p className="muted">{t('video.check.intro')}</p>
      <Button className="btn btn-secondary" onPress={toggle}>
        {checking ? t('video.check.stop') : t('video.check.start')}
      </Button>
      {checking ? (
        <div className="device-check-body">
          <Suspense fallback={<Loading />}>
            <DeviceCheck media={media} />
          </Suspense>
        </div>
      ) : null}
    </section>
  );
}
