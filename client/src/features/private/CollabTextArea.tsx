import { useEffect, useId, useState } from 'react';
import * as Y from 'yjs';
import { DOC_LIMITS } from '@tandem/shared';
import { CharCount, nearLimit } from '../map/CharCount';
import { LOCAL_ORIGIN } from '../map/collab';

/** Applies the edit from `before` to `after` as one minimal splice, so concurrent edits elsewhere merge. */
export function spliceText(doc: Y.Doc, text: Y.Text, before: string, after: string): void {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  if (endBefore === start && endAfter === start) return;
  doc.transact(() => {
    if (endBefore > start) text.delete(start, endBefore - start);
    if (endAfter > start) text.insert(start, after.slice(start, endAfter));
  }, LOCAL_ORIGIN);
}

/** A Y.Text by path: a top-level text, or a text inside a top-level map (created on first use). */
export function textAt(doc: Y.Doc, map: string | null, key: string): Y.Text {
  if (!map) return doc.getText(key);
  const m = doc.getMap<Y.Text>(map);
  let t = m.get(key);
  if (!(t instanceof Y.Text)) {
    t = new Y.Text();
    const created = t;
    doc.transact(() => m.set(key, created), LOCAL_ORIGIN);
  }
  return t;
}

export function useYText(doc: Y.Doc, map: string | null, key: string): [string, (next: string) => void] {
  const [value, setValue] = useState('');
  useEffect(() => {
    const read = () => {
      const m = map ? doc.getMap<Y.Text>(map).get(key) : doc.getText(key);
      setValue(m instanceof Y.Text ? m.toString() : '');
    };
    read();
    const root = map ? doc.getMap(map) : doc.getText(key);
    root.observeDeep(read);
    return () => root.unobserveDeep(read);
  }, [doc, map, key]);
  const write = (next: string) => {
    const text = textAt(doc, map, key);
    spliceText(doc, text, text.toString(), next);
  };
  return [value, write];
}

interface CollabTextAreaProps {
  doc: Y.Doc;
  map: string | null;
  field: string;
  label: string;
  description?: string;
  rows?: number;
  readOnly?: boolean;
  maxLength?: number;
}

/** A labelled textarea whose text lives in the Y.Doc (synced to every device of its audience). */
export function CollabTextArea({
  doc,
  map,
  field,
  label,
  description,
  rows = 4,
  readOnly,
  maxLength = DOC_LIMITS.privateTextChars,
}: CollabTextAreaProps) {
  const id = useId();
  const [value, write] = useYText(doc, map, field);
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {description ? (
        <p className="field-description" id={`${id}-d`}>
          {description}
        </p>
      ) : null}
      <textarea
        id={id}
        className="input textarea"
        rows={rows}
        value={value}
        readOnly={readOnly}
        maxLength={maxLength}
        aria-describedby={
          [description ? `${id}-d` : '', nearLimit(value.length, maxLength) ? `${id}-count` : ''].join(' ').trim() ||
          undefined
        }
        onChange={(e) => write(e.target.value.slice(0, maxLength))}
      />
      <CharCount id={`${id}-count`} length={value.length} max={maxLength} />
    </div>
  );
}
