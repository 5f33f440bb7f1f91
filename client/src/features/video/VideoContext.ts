import { createContext, useContext, useSyncExternalStore } from 'react';
import type { BreakoutState } from '@tandem/shared';
import type { AppError } from '../../lib/api';
import type { LocalMedia, LocalMediaState, MediaPrefs } from './localMedia';
import type { PeerMesh } from './mesh';
import type { MeshSnapshot } from './meshTypes';

export type CallPhase = 'preview' | 'joining' | 'joined';

export interface VideoContextValue {
  media: LocalMedia;
  mesh: PeerMesh | null;
  phase: CallPhase;
  joinError: AppError | null;
  breakout: BreakoutState | null;
  /** serverTime - Date.now(), from the last video:hello. */
  clockOffset: number;
  join(prefs: MediaPrefs): Promise<void>;
  leave(): Promise<void>;
  /** For the pause feature: stop sending camera and microphone while true. */
  setMediaPaused(paused: boolean): void;
  startBreakout(partnerId: string, message: string): Promise<AppError | null>;
  endBreakout(): Promise<AppError | null>;
}

export const VideoContext = createContext<VideoContextValue | null>(null);

/**
 * The person's own camera and microphone, apart from the call: the room's VideoProvider gives it, and so does the
 * partner's waiting room for its device check (the same LocalMedia then carries on into the call).
 */
export const LocalMediaContext = createContext<LocalMedia | null>(null);

export function useLocalMedia(): LocalMedia {
  const media = useContext(LocalMediaContext);
  if (!media) throw new Error('useLocalMedia must be used inside a LocalMediaContext provider');
  return media;
}

export function useVideo(): VideoContextValue {
  const value = useContext(VideoContext);
  if (!value) throw new Error('useVideo must be used inside <VideoProvider>');
  return value;
}

export function useLocalMediaState(): LocalMediaState {
  const media = useLocalMedia();
  return useSyncExternalStore(media.subscribe, media.getState);
}

const EMPTY: MeshSnapshot = { peers: [], present: [] };
const noop = () => () => undefined;

export function useMeshSnapshot(): MeshSnapshot {
  const { mesh } = useVideo();
  return useSyncExternalStore(mesh?.subscribe ?? noop, mesh?.getSnapshot ?? (() => EMPTY));
}
