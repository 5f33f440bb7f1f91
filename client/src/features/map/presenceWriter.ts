import { useEffect, useMemo } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { COLLAB_AWARENESS_RATE } from '@tandem/shared';
import { SHARED_DRAG_MAX, type DragPosition } from './useCollab';

/** One awareness message at most this often: the server's rate for a connection, so none waits there. */
export const PRESENCE_SHARE_MS = 1000 / COLLAB_AWARENESS_RATE.perSecond;

/**
 * What this person shows the others on the map, the pointer and a drag in progress, sent together in one
 * awareness message at most every PRESENCE_SHARE_MS; the latest state is always sent (a trailing message).
 */
export class PresenceWriter {
  private cursor: { x: number; y: number } | null = null;
  private cards: DragPosition[] | null = null;
  private sentAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly awareness: Awareness | null) {}

  /** Where this person's pointer is on the map (flow coordinates), or null when it left the canvas. */
  pointer(cursor: { x: number; y: number } | null): void {
    this.cursor = cursor && { x: Math.round(cursor.x), y: Math.round(cursor.y) };
    this.share(false);
  }

  /** The cards this person is dragging, where they are now; null when the drag ends (`now`: sent at once). */
  drag(cards: DragPosition[] | null, now = false): void {
    this.cards =
      cards && cards.slice(0, SHARED_DRAG_MAX).map((c) => ({ id: c.id, x: Math.round(c.x), y: Math.round(c.y) }));
    this.share(now);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private share(now: boolean): void {
    const wait = PRESENCE_SHARE_MS - (performance.now() - this.sentAt);
    if (now || wait <= 0) this.send();
    else this.timer ??= setTimeout(() => this.send(), wait);
  }

  private send(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const state = this.awareness?.getLocalState();
    if (!this.awareness || !state) return; // none yet, or removed: this person is leaving
    this.sentAt = performance.now();
    this.awareness.setLocalState({ ...state, cursor: this.cursor, drag: this.cards });
  }
}

export function usePresenceWriter(awareness: Awareness | null): PresenceWriter {
  const writer = useMemo(() => new PresenceWriter(awareness), [awareness]);
  useEffect(() => () => writer.dispose(), [writer]);
  return writer;
}
