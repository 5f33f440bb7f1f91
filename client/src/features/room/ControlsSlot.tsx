import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';

/** The room's bottom bar, where the call controls render wherever the video region sits. */
export const ControlsSlotContext = createContext<HTMLElement | null>(null);

/** Renders its children in the room's bottom bar when there is one, in place otherwise. */
export function InControlsBar({ children }: { children: ReactNode }) {
  const slot = useContext(ControlsSlotContext);
  return slot ? createPortal(children, slot) : <>{children}</>;
}

/** The end of the workspace's tab row on a laptop, where the map's save state sits (no row of its own). */
export const TabRowSlotContext = createContext<HTMLElement | null>(null);

/** Renders its children at the end of the workspace's tab row when there is one, in place otherwise. */
export function InTabRow({ children }: { children: ReactNode }) {
  const slot = useContext(TabRowSlotContext);
  return slot ? createPortal(children, slot) : <>{children}</>;
}
