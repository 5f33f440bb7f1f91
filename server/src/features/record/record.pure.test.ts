import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deviceAttendance, inRoomBetween, unionLength, type PresenceEvent } from './attendance.js';
import { mapChanges, mapContent } from './mapChanges.js';

const ev = (at: number, kind: 'enter' | 'leave', deviceId = 'd1', personId = 'p1'): PresenceEvent => ({
  at,
  kind,
  role: 'partner',
  personId,
  deviceId,
});

describe('attendance from enter and leave events', () => {
  it('counts a drop and a rejoin, closes what is open at the end and ignores what comes after it', () => {
    const [d] = deviceAttendance([ev(10, 'enter'), ev(20, 'leave'), ev(25, 'enter'), ev(120, 'leave')], 100);
    expect(d).toMatchObject({
      drops: 1,
      rejoins: 1,
      spans: [
        { from: 10, to: 20 },
        { from: 25, to: 100 },
      ],
    });
  });

  it('ignores a leave of a device that never came in (it was still waiting) and a second enter', () => {
    const [d] = deviceAttendance([ev(5, 'leave'), ev(10, 'enter'), ev(12, 'enter'), ev(30, 'leave')], 100);
    expect(d).toMatchObject({ drops: 1, rejoins: 0, spans: [{ from: 10, to: 30 }] });
  });

  it('keeps devices apart and counts a person’s overlapping devices once', () => {
    const list = deviceAttendance([ev(0, 'enter', 'phone'), ev(10, 'enter', 'laptop'), ev(50, 'leave', 'phone')], 60);
    expect(list.map((d) => d.deviceId)).toEqual(['phone', 'laptop']);
    expect(unionLength(list.flatMap((d) => d.spans))).toBe(60);
  });

  it('tells whether someone was in the room at a moment or came in soon after', () => {
    const spans = [{ from: 10, to: 20 }];
    expect(inRoomBetween(spans, 15, 15)).toBe(true);
    expect(inRoomBetween(spans, 5, 12)).toBe(true);
    expect(inRoomBetween(spans, 20, 30)).toBe(false);
  });
});

function state(cards: Record<string, { label: string; kind?: string; side?: string; x?: unknown }>): Uint8Array {
  const doc = new Y.Doc();
  for (const [id, c] of Object.entries(cards)) {
    const m = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ kind: 'action', side: 'a', x: 0, y: 0, ...c })) m.set(k, v);
    doc.getMap('nodes').set(id, m);
  }
  const edge = new Y.Map<unknown>();
  edge.set('source', 'one');
  edge.set('target', 'gone');
  doc.getMap('edges').set('e1', edge);
  return Y.encodeStateAsUpdate(doc);
}

describe('map changes between two kept versions', () => {
  it('lists cards added, edited (words, kind or lane) and removed; a move alone is no edit', () => {
    const before = mapContent(state({ one: { label: 'A' }, two: { label: 'B' }, gone: { label: 'C' } }));
    const after = mapContent(state({ one: { label: 'A', x: 400 }, two: { label: 'B2' }, three: { label: 'D' } }));
    expect(mapChanges(before, after)).toEqual({
      added: [{ id: 'three', kind: 'action', side: 'a', label: 'D' }],
      edited: [{ id: 'two', kind: 'action', side: 'a', label: 'B2', before: 'B' }],
      removed: [{ id: 'gone', kind: 'action', side: 'a', label: 'C' }],
    });
    // A connection to a card that is gone is not drawn.
    expect(after.edges).toEqual([]);
    expect(before.edges).toEqual([{ id: 'e1', source: 'one', target: 'gone' }]);
  });

  it('reads bad fields the way the client does', () => {
    const [card] = mapContent(state({ odd: { label: 'x', kind: 'nonsense', side: 'up', x: 'far' } })).nodes;
    expect(card).toMatchObject({ kind: 'note', side: 'shared', x: 0 });
  });
});
