import { useCallback, useEffect, useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  document.addEventListener('fullscreenchange', onChange);
  return () => document.removeEventListener('fullscreenchange', onChange);
}

/**
 * One element in full screen (the Fullscreen API). `supported` is false where the browser offers no element full
 * screen (iPhone Safari): hide the button there. Escape leaves: browsers do it themselves, and where the key
 * still reaches the page (headless Chromium, some embedded browsers) the page does it.
 */
export function useFullscreen(element: HTMLElement | null) {
  const active = useSyncExternalStore(
    subscribe,
    () => element !== null && document.fullscreenElement === element,
    () => false,
  );
  const supported = typeof document !== 'undefined' && document.fullscreenEnabled === true;
  const enter = useCallback(() => {
    element?.requestFullscreen().catch(() => undefined);
  }, [element]);
  const exit = useCallback(() => {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
  }, []);
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') exit();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active, exit]);
  return { active, supported, enter, exit };
}
