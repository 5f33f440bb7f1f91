import { useCallback, useState } from 'react';

export interface StoredWidth {
  /** The width the person chose, or null for the region's default. */
  width: number | null;
  collapsed: boolean;
}

function load(key: string, min: number, max: number): StoredWidth {
  try {
    const saved = JSON.parse(localStorage.getItem(key) ?? 'null') as { width?: unknown; collapsed?: unknown } | null;
    const width = typeof saved?.width === 'number' ? Math.min(max, Math.max(min, saved.width)) : null;
    return { width, collapsed: saved?.collapsed === true };
  } catch {
    return { width: null, collapsed: false };
  }
}

/** A resizable region's width and folded state, remembered on this device under `key` (layout only, nothing private). */
export function useStoredWidth(key: string, min: number, max: number) {
  const [state, setState] = useState(() => load(key, min, max));
  const save = useCallback(
    (next: StoredWidth) => {
      setState(next);
      try {
        localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // storage may be unavailable; the layout still works for this visit
      }
    },
    [key],
  );
  return {
    ...state,
    setWidth: (width: number) => save({ width, collapsed: false }),
    setCollapsed: (collapsed: boolean) => save({ ...state, collapsed }),
  };
}
