import { useCallback, useState } from 'react';

const KEY = 'tandem:room-panel';
const MIN = 240;
const MAX = 560;
const DEFAULT = 256;

function load(): { width: number; collapsed: boolean } {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as { width?: unknown; collapsed?: unknown } | null;
    const width = typeof saved?.width === 'number' ? Math.min(MAX, Math.max(MIN, saved.width)) : DEFAULT;
    return { width, collapsed: saved?.collapsed === true };
  } catch {
    return { width: DEFAULT, collapsed: false };
  }
}

/** The side panel's width and folded state, remembered on this device (layout only, nothing private). */
export function usePanelWidth() {
  const [state, setState] = useState(load);
  const save = useCallback((next: { width: number; collapsed: boolean }) => {
    setState(next);
    try {
      localStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      // storage may be unavailable; the layout still works for this visit
    }
  }, []);
  return {
    ...state,
    min: MIN,
    max: MAX,
    setWidth: (width: number) => save({ width, collapsed: false }),
    setCollapsed: (collapsed: boolean) => save({ ...state, collapsed }),
  };
}
