/**
 * "Partners add and edit on their side": the server's check of a partner's Yjs update to the couple's map,
 * before it is applied. The map holds `nodes` and `edges` (Y.Maps of Y.Maps, see client mapModel.ts); a
 * partner may create, change, move and delete nodes whose `side` is their own slot, and create or delete
 * edges with at least one end on such a node. Anything else in the update (the other partner's or the shared
 * lane's nodes, another root type, a reference the server cannot resolve) refuses the whole update.
 *
 * The update is read with `Y.decodeUpdate` (nothing is applied): each new item is located through its parent,
 * or, when the encoding left the parent out, through its left or right origin; each deleted range is looked
 * up among the doc's items.
 */
import * as Y from 'yjs';
import type { PartnerSlot } from '@tandem/shared';

type Struct = Y.Item | Y.GC | Y.Skip;

/**
 * Where an item sits: a root type's key, a field of a node/edge (identified by its container item), or nowhere
 * (its parent or a neighbour was garbage-collected: Yjs collects such an item on arrival, so it changes nothing).
 */
type Place =
  { root: string; key: string | null } | { container: Y.Item; key: string | null; fresh: boolean } | { gone: true };

class Refused extends Error {}
function refuse(why: string): never {
  throw new Refused(why);
}

/** An update as `Y.decodeUpdate` reads it (decode once, then ask both questions below). */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** Why the update may not be applied, or null when it may. */
export function refuseForSide(doc: Y.Doc, update: DecodedUpdate, slot: PartnerSlot): string | null {
  try {
    check(doc, update, slot);
    return null;
  } catch (err) {
    if (err instanceof Refused) return err.message;
    throw err;
  }
}

function check(doc: Y.Doc, { structs, ds }: DecodedUpdate, slot: PartnerSlot): void {
  const fresh = new Map<number, Struct[]>();
  for (const s of structs) {
    if (s instanceof Y.Skip) refuse('gap in update');
    let list = fresh.get(s.id.client);
    if (!list) fresh.set(s.id.client, (list = []));
    list.push(s);
  }
  // Nothing may wait in the server's pending queues (it would be applied later, unchecked).
  for (const [client, list] of fresh) {
    const first = list[0];
    if (first && first.id.clock > Y.getState(doc.store, client)) refuse('update depends on unknown changes');
  }

  const findIn = (list: Struct[] | undefined, clock: number): Struct | null => {
    const s = list?.[firstEndingAfter(list, clock)];
    return s && s.id.clock <= clock ? s : null;
  };
  /** The item an id names (in this update or in the doc), or null when the doc has collected it. */
  const known = (id: Y.ID): { item: Y.Item; fresh: boolean } | null => {
    const mine = findIn(fresh.get(id.client), id.clock);
    if (mine instanceof Y.Item) return { item: mine, fresh: true };
    if (mine) return null;
    const theirs = findIn(doc.store.clients.get(id.client) as Struct[] | undefined, id.clock);
    if (theirs instanceof Y.Item) return { item: theirs, fresh: false };
    if (theirs) return null;
    return refuse('reference to an unknown item');
  };

  const placeCache = new Map<Y.Item, Place>();
  const placeOf = (item: Y.Item, isFresh: boolean, depth = 0): Place => {
    const cached = placeCache.get(item);
    if (cached) return cached;
    if (depth > 10_000) refuse('origin chain too long');
    let place: Place;
    const parent = item.parent;
    if (!isFresh) {
      const type = parent as Y.AbstractType<unknown>;
      place = type._item
        ? { container: type._item, key: item.parentSub, fresh: false }
        : { root: Y.findRootTypeKey(type), key: item.parentSub };
    } else {
      const left = item.origin ? known(item.origin) : undefined;
      const right = item.rightOrigin ? known(item.rightOrigin) : undefined;
      if (left === null || right === null) place = { gone: true };
      else if (typeof parent === 'string') place = { root: parent, key: item.parentSub };
      else if (parent instanceof Y.ID) {
        const c = known(parent);
        place = c ? { container: c.item, key: item.parentSub, fresh: c.fresh } : { gone: true };
      } else {
        // The encoding left the parent out: it is the origin's (or right origin's).
        const o = left ?? right ?? refuse('item without a place');
        place = placeOf(o.item, o.fresh, depth + 1);
      }
    }
    placeCache.set(item, place);
    return place;
  };

  const nodes = doc.getMap<Y.Map<unknown>>('nodes');
  const freshNodes = new Set<string>();
  const nodeIsMine = (id: unknown): boolean =>
    typeof id === 'string' && (freshNodes.has(id) || nodes.get(id)?.get('side') === slot);
  const edgeIsMine = (edge: Y.Item): boolean => {
    const c = edge.content;
    return (
      c instanceof Y.ContentType &&
      c.type instanceof Y.Map &&
      (nodeIsMine(c.type.get('source')) || nodeIsMine(c.type.get('target')))
    );
  };
  const nodeItemIsMine = (node: Y.Item): boolean => {
    const c = node.content;
    return c instanceof Y.ContentType && c.type instanceof Y.Map && c.type.get('side') === slot;
  };
  /** The root entry (node or edge) a container item is, or null when it lands nowhere. */
  const entryOf = (container: Y.Item, isFresh: boolean): { root: string; key: string } | null => {
    const p = placeOf(container, isFresh);
    if ('gone' in p) return null;
    if (!('root' in p) || p.key === null) return refuse('nested too deep');
    return { root: p.root, key: p.key };
  };

  // New items: root entries (nodes, edges) and their fields.
  const freshFields = new Map<Y.Item, Map<string, unknown>>();
  const freshEdges: Y.Item[] = [];
  const fieldWrites: Array<{ container: Y.Item; fresh: boolean; item: Y.Item }> = [];
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue; // a GC range carries nothing
    const place = placeOf(s, true);
    if ('gone' in place) continue;
    const content = s.content;
    if ('root' in place) {
      if (place.root !== 'nodes' && place.root !== 'edges') refuse('may only write nodes and edges');
      if (place.key === null) refuse('not a map entry');
      if (!(content instanceof Y.ContentType) && !(content instanceof Y.ContentDeleted)) refuse('not a map entry');
      // Setting a key replaces what is there: that must be one's own.
      const current = doc.getMap(place.root)._map.get(place.key);
      if (current && !current.deleted) {
        if (!(place.root === 'nodes' ? nodeItemIsMine(current) : edgeIsMine(current)))
          refuse('replaces what is not yours');
      }
      if (content instanceof Y.ContentType) {
        if (!(content.type instanceof Y.Map)) refuse('not a map entry');
        if (place.root === 'nodes') freshNodes.add(place.key);
        else freshEdges.push(s);
        freshFields.set(s, new Map());
      }
    } else {
      if (place.key === null) refuse('not a field');
      if (!(content instanceof Y.ContentAny) && !(content instanceof Y.ContentDeleted)) refuse('not a plain value');
      if (place.key === 'side' && content instanceof Y.ContentAny && content.arr[0] !== slot) {
        refuse('a card goes on your own side');
      }
      fieldWrites.push({ container: place.container, fresh: place.fresh, item: s });
      if (content instanceof Y.ContentAny) freshFields.get(place.container)?.set(place.key, content.arr[0]);
    }
  }
  for (const w of fieldWrites) {
    const entry = entryOf(w.container, w.fresh);
    if (!entry || w.fresh || w.container.deleted) continue; // new entries are judged whole below; a deleted one takes nothing
    if (entry.root === 'nodes') {
      if (!nodeItemIsMine(w.container)) refuse('not your card');
    } else if (entry.root === 'edges') refuse('a connection is drawn or deleted, not changed');
    else refuse('may only write nodes and edges');
  }
  for (const [container, fields] of freshFields) {
    if (entryOf(container, true)?.root === 'nodes' && fields.get('side') !== slot)
      refuse('a card goes on your own side');
  }
  for (const e of freshEdges) {
    const fields = freshFields.get(e);
    if (!(nodeIsMine(fields?.get('source')) || nodeIsMine(fields?.get('target')))) {
      refuse('a connection needs one end on your side');
    }
  }

  // Deletions: every live item of the doc that the update deletes must be one's own.
  for (const [client, ranges] of ds.clients) {
    const list = (doc.store.clients.get(client) ?? []) as Struct[];
    const inUpdate = fresh.get(client);
    const last = inUpdate?.[inUpdate.length - 1];
    const knownEnd = Math.max(Y.getState(doc.store, client), last ? last.id.clock + last.length : 0);
    for (const { clock, len } of ranges) {
      const end = clock + len;
      if (end > knownEnd) refuse('deletes unknown changes');
      for (let i = firstEndingAfter(list, clock); i < list.length; i++) {
        const s = list[i] as Struct;
        if (s.id.clock >= end) break;
        if (!(s instanceof Y.Item) || s.deleted) continue;
        const place = placeOf(s, false);
        if ('gone' in place) continue;
        const entry = 'root' in place ? place : entryOf(place.container, false);
        if (!entry) continue;
        const item = 'root' in place ? s : place.container;
        const mine = entry.root === 'nodes' ? nodeItemIsMine(item) : entry.root === 'edges' && edgeIsMine(item);
        if (!mine) refuse('not yours to delete');
      }
    }
  }
}

/**
 * Whether applying the update would change the doc: a new struct, or the deletion of a live item. A client's
 * step 2 that brings nothing new (a fresh client answering the server's greeting) is no edit, and is never
 * refused, even on a locked map.
 */
export function changesDoc(doc: Y.Doc, { structs, ds }: DecodedUpdate): boolean {
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    if (s.id.clock + s.length > Y.getState(doc.store, s.id.client)) return true;
  }
  for (const [client, ranges] of ds.clients) {
    const list = (doc.store.clients.get(client) ?? []) as Struct[];
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (clock + len > state) return true;
      for (let i = firstEndingAfter(list, clock); i < list.length; i++) {
        const s = list[i] as Struct;
        if (s.id.clock >= clock + len) break;
        if (s instanceof Y.Item && !s.deleted) return true;
      }
    }
  }
  return false;
}

/** Index of the first struct (sorted by clock) that ends after `clock`. */
function firstEndingAfter(list: Struct[], clock: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid] as Struct;
    if (s.id.clock + s.length <= clock) lo = mid + 1;
    else hi = mid - 1;
  }
  return lo;
}
