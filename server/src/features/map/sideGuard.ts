/**
 * "Partners add and edit on their side": the side rule for a partner's update to the couple's map. The map holds
 * `nodes` and `edges` (Y.Maps of Y.Maps, see client mapModel.ts); a partner may create, change, move and delete
 * nodes whose `side` is their own slot, and create or delete edges with at least one end on such a node.
 * Anything else (the other partner's or the shared lane's nodes, another root type) refuses the whole update.
 *
 * It reads what the update changed from the transaction's events on a scratch copy (docGuard.ts), comparing each
 * touched entry before (the live doc) and after (the copy): public Yjs APIs only, no walk through the struct
 * store or origin chains.
 */
import * as Y from 'yjs';
import { DOC_LIMITS, type PartnerSlot } from '@tandem/shared';
import { judgeUpdate, refuse, type Change } from './docGuard.js';
import { rulesFor } from './content.js';

const sideOf = (v: unknown): unknown => (v instanceof Y.Map ? v.get('side') : undefined);

export function checkSide(before: Y.Doc, after: Y.Doc, change: Change, slot: PartnerSlot): void {
  const nodesBefore = before.getMap('nodes');
  const nodesAfter = after.getMap('nodes');
  const nodeIds = new Set([...(change.rootKeys.get('nodes')?.keys() ?? []), ...(change.inner.get('nodes') ?? [])]);
  for (const id of nodeIds) {
    const was = nodesBefore.get(id);
    const is = nodesAfter.get(id);
    if (was !== undefined && sideOf(was) !== slot) refuse(is === undefined ? 'not yours to delete' : 'not your card');
    if (is !== undefined && sideOf(is) !== slot) refuse('a card goes on your own side');
  }

  const mine = (id: unknown) =>
    typeof id === 'string' && (sideOf(nodesBefore.get(id)) === slot || sideOf(nodesAfter.get(id)) === slot);
  const oneEndMine = (edge: unknown) => edge instanceof Y.Map && (mine(edge.get('source')) || mine(edge.get('target')));
  const edgeKeys = change.rootKeys.get('edges') ?? new Map<string, string>();
  for (const [id, action] of edgeKeys) {
    if (action !== 'add' && !oneEndMine(before.getMap('edges').get(id))) refuse('not yours to delete');
    if (action !== 'delete' && !oneEndMine(after.getMap('edges').get(id)))
      refuse('a connection needs one end on your side');
  }
  for (const id of change.inner.get('edges') ?? []) {
    if (!edgeKeys.has(id)) refuse('a connection is drawn or deleted, not changed');
  }
}

/**
 * Why a partner's update to the map may not be applied, or null when it may (content limits included). For
 * tests and one-off checks: it assumes the update is not applied afterwards (the next check starts from a
 * fresh copy of the doc).
 */
export function refuseForSide(doc: Y.Doc, update: Uint8Array, slot: PartnerSlot): string | null {
  let refusal: string | null = null;
  judgeUpdate(doc, update, rulesFor('map', slot), DOC_LIMITS.keyChars, (v) => {
    refusal = v.refusal;
    return false;
  });
  return refusal;
}

/**
 * Whether applying the update would change the doc: a new struct, or the deletion of a live item. A client's
 * step 2 that brings nothing new (a fresh client answering the server's greeting) is no edit, and is never
 * refused, even on a locked map.
 */
export function changesDoc(doc: Y.Doc, update: Uint8Array): boolean {
  let changes = true;
  judgeUpdate(doc, update, rulesFor('map', null), DOC_LIMITS.keyChars, (v) => {
    changes = v.changes;
    return false;
  });
  return changes;
}
