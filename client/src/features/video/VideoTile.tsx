import { memo, useEffect, useEffectEvent, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Quality } from './quality';
import type { PeerState } from './meshTypes';
import { useSpeaking } from './useSpeaking';

export interface TileProps {
  personId: string;
  name: string;
  self?: boolean;
  stream: MediaStream | null;
  /** Unknown (null) until the person tells us. */
  micOn: boolean | null;
  camOn: boolean | null;
  state: PeerState | 'absent' | 'self';
  quality?: Quality | null;
  /** Hide the picture (audio-only mode); the sound still plays. */
  hidePicture?: boolean;
  /** Told when this person starts or stops speaking (for the speaker view). */
  onSpeakingChange?: (personId: string, speaking: boolean) => void;
  /** A pin button on the tile (others' tiles on a laptop) when set: the pinned person fills the speaker view. */
  onPin?: ((personId: string) => void) | undefined;
  pinned?: boolean;
}

/**
 * One person: their picture (or initial), name, speaking ring, mic and camera state, connection state. Rendered
 * again only when one of these changes (the region re-renders whenever anyone starts or stops speaking).
 */
export const VideoTile = memo(function VideoTile(props: TileProps) {
  const { personId, name, self, stream, micOn, camOn, state, quality, hidePicture, onSpeakingChange } = props;
  const { onPin, pinned } = props;
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [needsSound, setNeedsSound] = useState(false);
  const speaking = useSpeaking(stream, micOn !== false);
  const reportSpeaking = useEffectEvent((now: boolean) => onSpeakingChange?.(personId, now));
  useEffect(() => reportSpeaking(speaking), [speaking]);

  useEffect(() => {
    const el = videoRef.current;
    if (!el) return;
    el.srcObject = stream;
    if (!stream) return;
    el.play().catch(() => {
      // Autoplay with sound refused (no gesture yet, e.g. after a reload): play muted, offer sound.
      if (self) return;
      el.muted = true;
      setNeedsSound(true);
      void el.play().catch(() => undefined);
    });
  }, [stream, self]);

  const showPicture = !!stream && camOn !== false && !hidePicture && state !== 'absent';
  const stateLabel =
    state === 'connecting'
      ? t('video.tile.connecting')
      : state === 'reconnecting'
        ? t('video.tile.reconnecting')
        : state === 'absent'
          ? t('video.tile.notJoined')
          : null;

  return (
    <figure
      className="tile"
      data-person={name}
      data-person-id={personId}
      data-peer-state={state}
      data-mic={micOn === null ? 'unknown' : micOn ? 'on' : 'off'}
      data-cam={camOn === null ? 'unknown' : camOn ? 'on' : 'off'}
      data-speaking={speaking || undefined}
      data-self={self || undefined}
      data-pinned={(onPin && pinned) || undefined}
    >
      <video
        ref={videoRef}
        className="tile-video"
        autoPlay
        playsInline
        muted={self}
        hidden={!showPicture}
        aria-hidden="true"
      />
      {showPicture ? null : (
        <div className="tile-avatar" aria-hidden="true">
          {name.slice(0, 1).toUpperCase()}
        </div>
      )}
      {stateLabel ? <p className="tile-state">{stateLabel}</p> : null}
      <figcaption className="tile-caption">
        <span className="tile-name">{self ? t('video.tile.you', { name }) : name}</span>
        {micOn === false ? (
          <span className="tile-badge" data-kind="mic">
            {t('video.tile.micOff')}
          </span>
        ) : null}
        {camOn === false ? (
          <span className="tile-badge" data-kind="cam">
            {t('video.tile.camOff')}
          </span>
        ) : null}
        {speaking ? <span className="visually-hidden">{t('video.tile.speaking')}</span> : null}
        {quality && quality !== 'unknown' && !self ? (
          <span className="tile-quality" data-quality={quality}>
            <span className="quality-bars" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            <span className="visually-hidden">{t(`video.quality.${quality}`)}</span>
          </span>
        ) : null}
      </figcaption>
      {onPin ? (
        <Button
          className="tile-pin"
          aria-label={pinned ? t('video.tile.unpin', { name }) : t('video.tile.pin', { name })}
          data-pinned={pinned || undefined}
          onPress={() => onPin(personId)}
        >
          <PinIcon />
        </Button>
      ) : null}
      {needsSound ? (
        <Button
          className="btn btn-secondary btn-small tile-sound"
          onPress={() => {
            const el = videoRef.current;
            if (el) {
              el.muted = false;
              void el.play();
            }
            setNeedsSound(false);
          }}
        >
          {t('video.tile.enableSound', { name })}
        </Button>
      ) : null}
    </figure>
  );
});

function PinIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        d="M9 3h6l-1 6 4 4v2h-5v6l-1 1-1-1v-6H6v-2l4-4z"
        fill="currentColor"
        stroke="currentColor"
        strokeWidth="1.2"
        strokeLinejoin="round"
      />
    </svg>
  );
}
