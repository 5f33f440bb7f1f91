import { useEffect, useRef } from 'react';

/** Move focus to an element (a heading with tabIndex -1) when a view appears, for screen readers. */
export function useFocusOnMount<E extends HTMLElement>(enabled = true) {
  const ref = useRef<E>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus({ preventScroll: false });
  }, [enabled]);
  return ref;
}
