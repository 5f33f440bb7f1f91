import { useCallback, useState } from 'react';
import type { VideoView } from './speakerView';

const KEY = 'tandem:video-view';

function load(): VideoView {
  try {
    return localStorage.getItem(KEY) === 'speaker' ? 'speaker' : 'gallery';
  } catch {
    return 'gallery';
  }
}

/** Gallery or speaker view, remembered on this device. */
export function useVideoView(): [VideoView, (view: VideoView) => void] {
  const [view, setView] = useState(load);
  const choose = useCallback((next: VideoView) => {
    setView(next);
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // storage may be unavailable; the choice holds for this visit
    }
  }, []);
  return [view, choose];
}
