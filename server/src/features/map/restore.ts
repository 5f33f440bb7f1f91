/**
 * "Restore this version" (issue 11, item 1: a therapist repairs a damaged doc from the UI). The live doc is set
 * back to a kept snapshot's content by ordinary changes computed here, in one server transaction: entries the
 * snapshot lacks are deleted, missing ones re-created under their old ids, changed fields set back. Connected
 * clients receive it as a normal update and converge; an offline client's later edits merge on top of it.
 */
import * as Y from 'yjs';

/** The roots of a map or board doc; each is a Y.Map of entries (Y.Maps of plain fields, or plain values). */
const ROOTS = ['nodes', 'edges'] as const;

function plainCopy(value: unknown): unknown {
  if (!(value instanceof Y.Map)) return value;
  const copy = new Y.Map<unknown>();
  for (const [k, v] of value.entries() as IterableIterator<[string, unknown]>) {
    if (!(v instanceof Y.AbstractType)) copy.set(k, v);
  }
  return copy;
}

/** Makes `live` hold what `target` holds (roots, entries, fields), with as few changes as possible. */
export function restoreContent(live: Y.Doc, target: Y.Doc, origin: unknown): number {
  let changes = 0;
  live.transact(() => {
    for (const root of ROOTS) {
      const now = live.getMap<unknown>(root);
      const want = target.getMap<unknown>(root);
      for (const key of [...now.keys()]) {
        if (!want.has(key)) {
          now.delete(key);
          changes++;
        }
      }
      for (const [key, wanted] of want.entries()) {
        const current = now.get(key);
        if (wanted instanceof Y.Map && current instanceof Y.Map) {
          for (const field of [...current.keys()]) {
            if (!wanted.has(field)) {
              current.delete(field);
              changes++;
            }
          }
          for (const [field, v] of wanted.entries() as IterableIterator<[string, unknown]>) {
            if (!(v instanceof Y.AbstractType) && current.get(field) !== v) {
              current.set(field, v);
              changes++;
            }
          }
        } else if (wanted instanceof Y.Map || current !== wanted) {
          now.set(key, plainCopy(wanted));
          changes++;
        }
      }
    }
  }, origin);
  return changes;
}
