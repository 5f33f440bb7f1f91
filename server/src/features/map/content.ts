/**
 * What each kind of doc may hold (issue 11, item 1), checked on every update by everyone: the shapes the
 * client writes (client/src/features/map/mapModel.ts, client/src/features/private/*) and the sizes in
 * `DOC_LIMITS`. A limit refuses only growth beyond it: a doc that somehow holds more can still be trimmed.
 */
import * as Y from 'yjs';
import {
  CARD_FIELDS,
  CYCLE_NODE_KINDS,
  DOC_LIMITS,
  MAP_SIDES,
  NOTE_FIELDS,
  PREP_FIELDS,
  type DocKind,
  type PartnerSlot,
} from '@tandem/shared';
import { checkDelta, refuse, type Change, type DocRules } from './docGuard.js';
import { checkSide } from './sideGuard.js';

const L = DOC_LIMITS;
const oneOf = (list: readonly string[], v: unknown) => typeof v === 'string' && list.includes(v);

/** A plain value: never a nested type, a binary, a sub-doc or a JSON object. */
function plain(v: unknown): void {
  if (v !== null && typeof v === 'object') refuse('not a plain value');
  if (typeof v === 'string' && v.length > L.labelChars) refuse('text too long');
}

function checkCard(root: 'nodes' | 'edges', value: unknown): void {
  if (!(value instanceof Y.Map)) return plain(value);
  for (const [field, v] of value.entries() as IterableIterator<[string, unknown]>) {
    plain(v);
    if (root === 'edges') {
      if (field !== 'source' && field !== 'target') refuse('not a connection field');
      if (typeof v !== 'string' || v.length > L.keyChars) refuse('a connection joins two cards');
      continue;
    }
    if (!oneOf(CARD_FIELDS, field)) refuse('not a card field');
    const ok =
      field === 'label'
        ? typeof v === 'string'
        : field === 'kind'
          ? oneOf(CYCLE_NODE_KINDS, v)
          : field === 'side'
            ? oneOf(MAP_SIDES, v)
            : true; // a position: any plain value (the client reads a non-number as 0)
    if (!ok) refuse(`bad ${field}`);
  }
}

const touched = (change: Change, root: string): Set<string> =>
  new Set([...(change.rootKeys.get(root)?.keys() ?? []), ...(change.inner.get(root) ?? [])]);

function grewPast(before: number, after: number, limit: number, what: string): void {
  if (after > limit && after > before) refuse(what);
}

function checkMapContent(before: Y.Doc, after: Y.Doc, change: Change): void {
  for (const [root, limit] of [
    ['nodes', L.cards],
    ['edges', L.connections],
  ] as const) {
    if (!change.roots.has(root)) continue;
    const now = after.getMap(root);
    grewPast(before.getMap(root).size, now.size, limit, root === 'nodes' ? 'too many cards' : 'too many connections');
    for (const key of touched(change, root)) checkCard(root, now.get(key));
  }
}

/** A root map of plain texts with fixed keys (the panel's prep, the therapist's note). */
function checkTextMap(before: Y.Doc, after: Y.Doc, change: Change, root: string, keys: readonly string[], max: number) {
  if (!change.roots.has(root)) return;
  const added = change.rootKeys.get(root);
  for (const key of touched(change, root)) {
    if (!keys.includes(key)) refuse('not a field of this document');
    const text = after.getMap(root).get(key);
    if (text === undefined) continue;
    if (!(text instanceof Y.Text)) refuse('a field holds text');
    if (added?.has(key)) checkDelta(text.toDelta() as Array<{ insert?: unknown; attributes?: unknown }>);
    const old = before.getMap(root).get(key);
    grewPast(old instanceof Y.Text ? old.length : 0, text.length, max, 'text too long');
  }
}

const MAP_ROOTS = new Set(['nodes', 'edges']);

/** The rules for one doc kind; `slot` adds the side rule (a partner on the couple's map). */
export function rulesFor(kind: DocKind, slot: PartnerSlot | null): DocRules {
  switch (kind) {
    case 'map':
    case 'board':
      return {
        roots: MAP_ROOTS,
        otherRoot: 'may only write nodes and edges',
        prepare: (d) => {
          d.getMap('nodes');
          d.getMap('edges');
        },
        check: (before, after, change) => {
          for (const r of change.roots) if (!MAP_ROOTS.has(r)) refuse('may only write nodes and edges');
          if (slot) checkSide(before, after, change, slot);
          checkMapContent(before, after, change);
        },
      };
    case 'panel':
      return {
        roots: new Set(['notes', 'prep']),
        otherRoot: 'not part of this document',
        prepare: (d) => {
          d.getText('notes');
          d.getMap('prep');
        },
        check: (before, after, change) => {
          for (const r of change.roots) if (r !== 'notes' && r !== 'prep') refuse('not part of this document');
          if (change.texts.has('notes'))
            grewPast(
              before.getText('notes').length,
              after.getText('notes').length,
              L.privateTextChars,
              'text too long',
            );
          checkTextMap(before, after, change, 'prep', PREP_FIELDS, L.prepTextChars);
        },
      };
    case 'notes':
      return {
        roots: new Set(['note']),
        otherRoot: 'not part of this document',
        prepare: (d) => {
          d.getMap('note');
        },
        check: (before, after, change) => {
          for (const r of change.roots) if (r !== 'note') refuse('not part of this document');
          checkTextMap(before, after, change, 'note', NOTE_FIELDS, L.privateTextChars);
        },
      };
  }
}
