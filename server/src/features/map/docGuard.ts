/**
 * The server's check of every Yjs update to every doc, for everyone (issue 11), on public Yjs APIs only.
 *
 * The update is first read with `Y.decodeUpdate` (nothing applied): it must not build on changes the server
 * never had (they would wait in the doc's pending queue and be applied later, unchecked), and its root names and
 * map keys must be ours and short. Then it is applied to a scratch copy of the doc, kept in step with the live
 * doc by its `update` events; the transaction's events (`changedParentTypes`, `YEvent.path`, `changes.keys`,
 * `delta`) say what it changed. The content rules of the doc's kind (content.ts) and, for a partner on the
 * couple's map, the side rule (sideGuard.ts) judge those changes, reading the doc before (the live doc, still
 * unchanged) and after (the scratch copy). A refused update leaves the scratch copy ahead of the live doc: it is
 * rebuilt from the live doc before the next check (the only check that costs a copy of the doc).
 */
import * as Y from 'yjs';

export class Refused extends Error {}
export function refuse(why: string): never {
  throw new Refused(why);
}

/** What one update changed, per root type, read from the scratch copy's transaction. */
export interface Change {
  /** Keys set, replaced or deleted on a root map. */
  rootKeys: Map<string, Map<string, 'add' | 'update' | 'delete'>>;
  /** Entries of a root map changed inside (a card's field, a text's characters). */
  inner: Map<string, Set<string>>;
  /** Root texts changed. */
  texts: Set<string>;
  /** Roots that changed at all. */
  roots: Set<string>;
}

export interface Verdict {
  /** Would applying it change the doc (a new struct, or a live item deleted)? */
  changes: boolean;
  /** Why it may not be applied, or null. */
  refusal: string | null;
}

export interface DocRules {
  /** Root names this doc kind may hold. */
  roots: ReadonlySet<string>;
  /** The message when an update writes another root. */
  otherRoot: string;
  /** Makes the roots with their types on a fresh copy (so events arrive on typed roots). */
  prepare(doc: Y.Doc): void;
  /** Throws Refused when the change breaks a rule; `before` is the live doc, `after` the scratch copy. */
  check(before: Y.Doc, after: Y.Doc, change: Change): void;
}

interface Shadow {
  doc: Y.Doc;
  /** Ahead of the live doc (a refused update was applied to it): rebuild before the next check. */
  dirty: boolean;
}

const shadows = new WeakMap<Y.Doc, Shadow>();

function shadowOf(live: Y.Doc, rules: DocRules): Shadow {
  let shadow = shadows.get(live);
  if (!shadow) {
    const fresh: Shadow = { doc: copyOf(live, rules), dirty: false };
    shadows.set(live, (shadow = fresh));
    live.on('update', (update: Uint8Array) => {
      if (!fresh.dirty) Y.applyUpdate(fresh.doc, update);
    });
    live.on('destroy', () => {
      fresh.doc.destroy();
      shadows.delete(live);
    });
  } else if (shadow.dirty) {
    shadow.doc.destroy();
    shadow.doc = copyOf(live, rules);
    shadow.dirty = false;
  }
  return shadow;
}

function copyOf(live: Y.Doc, rules: DocRules): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  rules.prepare(doc);
  // A deep observer on each root makes Yjs report every event's path from that root (YEvent.path).
  for (const name of rules.roots) doc.share.get(name)?.observeDeep(noop);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(live));
  return doc;
}

const noop = () => undefined;
const stateOf = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));

/** Before anything is applied: the update builds only on what the doc has, and names only our roots, briefly. */
function precheck(live: Y.Doc, update: Uint8Array, rules: DocRules, keyChars: number): Map<number, number> {
  const { structs, ds } = Y.decodeUpdate(update);
  const known = stateOf(live);
  const to = new Map<number, number>();
  for (const s of structs) {
    if (s instanceof Y.Skip) refuse('gap in update');
    const { client, clock } = s.id;
    if (!to.has(client) && clock > (known.get(client) ?? 0)) refuse('update depends on unknown changes');
    to.set(client, clock + s.length);
    if (!(s instanceof Y.Item)) continue;
    if (typeof s.parent === 'string' && !rules.roots.has(s.parent)) refuse(rules.otherRoot);
    if (s.parentSub !== null && s.parentSub.length > keyChars) refuse('key too long');
  }
  for (const [client, ranges] of ds.clients) {
    const end = Math.max(known.get(client) ?? 0, to.get(client) ?? 0);
    for (const { clock, len } of ranges) if (clock + len > end) refuse('deletes unknown changes');
  }
  return to;
}

/** Formatting, embeds and nested types have no place in our texts: plain characters only. */
export function checkDelta(delta: ReadonlyArray<{ insert?: unknown; attributes?: unknown }>): void {
  for (const op of delta) {
    if (op.attributes !== undefined) refuse('no formatting in text');
    if (op.insert !== undefined && typeof op.insert !== 'string') refuse('text holds characters only');
  }
}

interface EventLike {
  target: unknown;
  path: Array<string | number>;
  keysChanged?: Set<string | null>;
  changes: { keys: Map<string, { action: 'add' | 'update' | 'delete' }> };
  delta: Array<{ insert?: unknown; attributes?: unknown }>;
}

function collect(tr: Y.Transaction, doc: Y.Doc, change: Change): void {
  const names = new Map<unknown, string>();
  for (const [name, type] of doc.share) names.set(type, name);
  const add = <T>(m: Map<string, T>, k: string, make: () => T): T => {
    let v = m.get(k);
    if (v === undefined) m.set(k, (v = make()));
    return v;
  };
  for (const [type, events] of tr.changedParentTypes) {
    if (type.parent !== null) continue; // a root's list holds the events of everything beneath it
    const root = names.get(type) ?? refuse('unknown root');
    change.roots.add(root);
    for (const e of events as unknown as EventLike[]) {
      const isText = e.target instanceof Y.Text;
      if (!isText && !(e.target instanceof Y.Map)) refuse('not a map or a text');
      const keys = [...(e.keysChanged ?? [])];
      if (isText ? keys.length > 0 : keys.includes(null)) refuse('not a map entry');
      if (isText) checkDelta(e.delta);
      if (e.path.length === 0) {
        if (isText) change.texts.add(root);
        else
          for (const [key, { action }] of e.changes.keys)
            add(change.rootKeys, root, () => new Map<string, 'add' | 'update' | 'delete'>()).set(key, action);
      } else if (e.path.length === 1 && typeof e.path[0] === 'string') {
        add(change.inner, root, () => new Set<string>()).add(e.path[0]);
      } else refuse('nested too deep');
    }
  }
}

/**
 * Judges an update to `live` under `rules`, then lets `decide` (who also knows the lock, the role...) say
 * whether it is applied: the caller applies it to `live` right after this returns true, and never when false.
 * Throws (a malformed update) like `Y.applyUpdate` would; the caller treats that as a refusal.
 */
export function judgeUpdate(
  live: Y.Doc,
  update: Uint8Array,
  rules: DocRules,
  keyChars: number,
  decide: (verdict: Verdict) => boolean,
): boolean {
  let verdict: Verdict;
  const shadow = shadowOf(live, rules);
  try {
    const to = precheck(live, update, rules, keyChars);
    const change: Change = { rootKeys: new Map(), inner: new Map(), texts: new Set(), roots: new Set() };
    let grew = false;
    let inTransaction: string | null = null;
    const onAfter = (tr: Y.Transaction) => {
      for (const [client, clock] of tr.afterState) if ((tr.beforeState.get(client) ?? 0) !== clock) grew = true;
      try {
        collect(tr, shadow.doc, change);
      } catch (err) {
        if (!(err instanceof Refused)) throw err;
        inTransaction = err.message;
      }
    };
    shadow.doc.on('afterTransaction', onAfter);
    try {
      Y.applyUpdate(shadow.doc, update);
    } catch (err) {
      shadow.dirty = true;
      throw err;
    } finally {
      shadow.doc.off('afterTransaction', onAfter);
    }
    const after = stateOf(shadow.doc);
    for (const [client, clock] of to) if ((after.get(client) ?? 0) < clock) refuse('gap in update');
    if (inTransaction !== null) refuse(inTransaction);
    verdict = { changes: grew || change.roots.size > 0, refusal: null };
    rules.check(live, shadow.doc, change);
  } catch (err) {
    if (!(err instanceof Refused)) {
      shadow.dirty = true;
      throw err;
    }
    verdict = { changes: true, refusal: err.message };
  }
  const accepted = decide(verdict);
  if (!accepted) shadow.dirty = true;
  return accepted;
}
