import { useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { mergeProps, useFocusRing, useMove } from 'react-aria';

const KEY_STEP = 24;

interface SplitterProps {
  label: string;
  /** id of the region it resizes. */
  controls: string;
  /** Where that region lies: before the line (the video column, on its left) or after it (the side panel). */
  side: 'before' | 'after';
  width: number;
  min: number;
  max: number;
  /** Only for a region that folds away (Enter folds it and brings it back). */
  collapsed?: boolean;
  onCollapsedChange?: (collapsed: boolean) => void;
  onWidthChange: (width: number) => void;
}

/**
 * A window splitter (WAI-ARIA separator) between two regions of the room: drag it, or focus it and use the arrow
 * keys; Home and End move the line to its leftmost and rightmost places. Enter folds a foldable region away.
 */
export function Splitter({
  label,
  controls,
  side,
  width,
  min,
  max,
  collapsed = false,
  onCollapsedChange,
  onWidthChange,
}: SplitterProps) {
  const clamp = (w: number) => Math.min(max, Math.max(min, Math.round(w)));
  // Moving the line right widens a region before it and narrows one after it.
  const sign = side === 'before' ? 1 : -1;
  const dragged = useRef(width);
  const { moveProps } = useMove({
    onMoveStart() {
      dragged.current = width;
      if (collapsed) onCollapsedChange?.(false);
    },
    onMove(e) {
      dragged.current += sign * (e.pointerType === 'keyboard' ? e.deltaX * KEY_STEP : e.deltaX);
      onWidthChange(clamp(dragged.current));
    },
  });
  const { focusProps, isFocusVisible } = useFocusRing();
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && onCollapsedChange) onCollapsedChange(!collapsed);
    else if (e.key === 'Home') onWidthChange(side === 'before' ? min : max);
    else if (e.key === 'End') onWidthChange(side === 'before' ? max : min);
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
      aria-valuemin={onCollapsedChange ? 0 : min}
      aria-valuemax={max}
      tabIndex={0}
      className="room-splitter"
      data-side={side}
      data-focus-visible={isFocusVisible || undefined}
    >
      <span className="room-splitter-grip" aria-hidden="true" />
    </div>
  );
}
