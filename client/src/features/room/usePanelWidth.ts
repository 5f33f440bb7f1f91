import { useStoredWidth } from './useStoredWidth';

const MIN = 240;
const MAX = 560;
const DEFAULT = 256;

/** The side panel's width and folded state, remembered on this device. */
export function usePanelWidth() {
  const stored = useStoredWidth('tandem:room-panel', MIN, MAX);
  return { ...stored, width: stored.width ?? DEFAULT, min: MIN, max: MAX };
}
