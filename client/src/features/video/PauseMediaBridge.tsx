import { useEffect, useRef } from 'react';
import { useTimers } from '../timers/TimersProvider';
import { useVideo } from './VideoContext';

/**
 * During a pause, cameras and microphones follow the therapist's setting (default: paused, restored after).
 * Rendered inside the room, where both the timers and the video contexts are available.
 */
export function PauseMediaBridge() {
  const { view } = useTimers();
  const { setMediaPaused } = useVideo();
  const paused = Boolean(view?.pause && view.pause.mediaPaused);
  const applied = useRef(false);
  useEffect(() => {
    if (applied.current === paused) return;
    applied.current = paused;
    setMediaPaused(paused);
  }, [paused, setMediaPaused]);
  return null;
}
