import { useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { mergeProps, useFocusRing, useMove } from 'react-aria';

const KEY_STEP = 24;

interface SplitterProps {
  label: string;
  /** id of the panel it resizes (on its right). */
  controls: string;
  width: number;
  min: number;
  max: number;
  collapsed: boolean;
  onWidthChange: (width: number) => void;
  onCollapsedChange: (collapsed: boolean) => void;
}

/**
 * A window splitter (WAI-ARIA separator) for the side panel: drag it, or focus it and use the arrow
 * keys (Home/End for the limits); Enter folds the panel away and brings it back.
 */
export function Splitter({
  label,
  controls,
  width,
  min,
  max,
  collapsed,
  onWidthChange,
  onCollapsedChange,
}: SplitterProps) {
  const clamp = (w: number) => Math.min(max, Math.max(min, Math.round(w)));
  const dragged = useRef(width);
  const { moveProps } = useMove({
    onMoveStart() {
      dragged.current = width;
      if (collapsed) onCollapsedChange(false);
    },
    onMove(e) {
      // The panel is on the right: moving the line left widens it.
      dragged.current -= e.pointerType === 'keyboard' ? e.deltaX * KEY_STEP : e.deltaX;
      onWidthChange(clamp(dragged.current));
    },
  });
  const { focusProps, isFocusVisible } = useFocusRing();
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') onCollapsedChange(!collapsed);
    else if (e.key === 'Home') onWidthChange(max);
    else if (e.key === 'End') onWidthChange(min);
    else return;
    e.preventDefault();
  };
  return (
    <div
      {...mergeProps(moveProps, focusProps, { onKeyDown })}
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={collapsed ? 0 : width}
      aria-valuemin={0}
      aria-valuemax={max}
      tabIndex={0}
      className="room-splitter"
      data-focus-visible={isFocusVisible || undefined}
    >
      <span className="room-splitter-grip" aria-hidden="true" />
    </div>
  );
}
