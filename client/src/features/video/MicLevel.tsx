import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { micLevel } from './micLevel';
import { sharedAudioContext } from './localMedia';

/**
 * A bar that follows what the microphone hears, so a person can see it works before anyone hears them. Drawn without
 * React renders, about 16 times a second (smooth to the eye for a level meter): drawn every frame, it made each
 * page showing it paint 60 frames a second for as long as the preview was open, on a phone's battery too. The
 * meter's value is told to assistive technology at most twice a second.
 */
const SAMPLE_MS = 60;
export function MicLevel({ stream }: { stream: MediaStream | null }) {
  const { t } = useTranslation();
  const meter = useRef<HTMLDivElement>(null);
  const bar = useRef<HTMLSpanElement>(null);
  const labelId = useId();

  useEffect(() => {
    const show = (level: number) => {
      bar.current?.style.setProperty('--level', String(level));
      meter.current?.setAttribute('aria-valuenow', String(Math.round(level * 100)));
    };
    const ctx = sharedAudioContext();
    if (!stream || !ctx || stream.getAudioTracks().length === 0) return show(0);
    void ctx.resume().catch(() => undefined);
    const source = ctx.createMediaStreamSource(stream);
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const data = new Uint8Array(analyser.fftSize);
    let told = 0;
    let smooth = 0;
    let drawn = '';
    const tick = () => {
      const now = performance.now();
      analyser.getByteTimeDomainData(data);
      // Rise at once, fall gently (to ~60 % each sample): easier to read than the raw level.
      smooth = Math.max(micLevel(data), smooth * 0.6);
      // Only a visible change restyles the bar (a steady level costs no style work at all).
      const shown = smooth.toFixed(2);
      if (shown !== drawn) {
        drawn = shown;
        bar.current?.style.setProperty('--level', shown);
      }
      if (now - told > 500) {
        told = now;
        meter.current?.setAttribute('aria-valuenow', String(Math.round(smooth * 100)));
      }
    };
    const timer = window.setInterval(tick, SAMPLE_MS);
    return () => {
      window.clearInterval(timer);
      source.disconnect();
      show(0);
    };
  }, [stream]);

  return (
    <div className="mic-level-row">
      <span className="mic-level-label" id={labelId}>
        {t('video.check.micLevel')}
      </span>
      <div
        ref={meter}
        className="mic-level"
        role="meter"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={0}
      >
        <span ref={bar} className="mic-level-bar" />
      </div>
    </div>
  );
}
