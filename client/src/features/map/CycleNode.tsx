import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { DOC_LIMITS, type CycleNodeKind, type MapSide } from '@tandem/shared';
import { CharCount, nearLimit } from './CharCount';

export interface CycleNodeData extends Record<string, unknown> {
  kind: CycleNodeKind;
  side: MapSide;
  label: string;
  sideName: string;
  editable: boolean;
  /** Handles take connections (a partner may connect their card to anyone's). */
  connectable: boolean;
  editing: boolean;
  /** Others who have this node selected. */
  watchers: { name: string; color: string }[];
  onCommit: (id: string, label: string) => void;
  onEditEnd: () => void;
}

export type CycleFlowNode = Node<CycleNodeData, 'cycle'>;

/**
 * Rendered again only when what it shows changes: xyflow also passes the card's position and drag state, which
 * change on every move of a drag and which the card does not show (xyflow moves its wrapper).
 */
const sameCard = (a: NodeProps<CycleFlowNode>, b: NodeProps<CycleFlowNode>) =>
  a.id === b.id && a.data === b.data && a.selected === b.selected;

/** One step of the cycle: its kind, whose it is, and the words, editable in place. */
export const CycleNode = memo(function CycleNode({ id, data, selected }: NodeProps<CycleFlowNode>) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(data.label);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  // At once when the field appears, before the next key is handled (the node is visible from the start:
  // MapCanvas gives it an initial size).
  useLayoutEffect(() => {
    if (!data.editing || !inputRef.current) return;
    inputRef.current.focus({ preventScroll: true });
    inputRef.current.select();
  }, [data.editing]);

  useEffect(() => {
    if (!data.editing) return;
    setDraft(data.label);
    // Should the field still be hidden (xyflow hides a node until measured; a hidden field takes no focus),
    // keep trying for a few frames, so the words typed next go into this card, not into the button pressed.
    let frames = 0;
    let raf = requestAnimationFrame(function tryFocus() {
      const el = inputRef.current;
      if (el && document.activeElement !== el) {
        el.focus({ preventScroll: true });
        el.select();
      }
      if ((!el || document.activeElement !== el) && ++frames < 60) raf = requestAnimationFrame(tryFocus);
    });
    return () => cancelAnimationFrame(raf);
    // Only when editing starts: a remote change while typing must not wipe the draft.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data.editing]);

  /** Back to the card itself, so a keyboard user carries on from there. */
  const refocusCard = () =>
    requestAnimationFrame(() =>
      document
        .querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)
        ?.focus({ preventScroll: true }),
    );

  const commit = () => {
    data.onCommit(id, draft.trim().slice(0, DOC_LIMITS.labelChars));
    data.onEditEnd();
  };
  const finish = (save: boolean) => {
    if (save) commit();
    else data.onEditEnd();
    refocusCard();
  };
  const watcher = data.watchers[0];

  return (
    <div
      className="cycle-node"
      data-kind={data.kind}
      data-side={data.side}
      data-selected={selected || undefined}
      style={watcher ? { outlineColor: watcher.color } : undefined}
      data-watched={watcher ? true : undefined}
    >
      <Handle type="target" position={Position.Top} isConnectable={data.connectable} />
      <div className="cycle-node-head">
        <span className="cycle-node-kind">{t(`map.kind.${data.kind}`)}</span>
        {watcher ? (
          // Who else has this card selected: in the card's head, never over its words.
          <span className="cycle-node-watcher" style={{ background: watcher.color }}>
            {watcher.name}
          </span>
        ) : data.side !== 'shared' ? (
          <span className="cycle-node-side">{data.sideName}</span>
        ) : null}
      </div>
      {data.editing ? (
        <textarea
          ref={inputRef}
          className="cycle-node-input nodrag nowheel"
          aria-label={t('map.labelField')}
          value={draft}
          maxLength={DOC_LIMITS.labelChars}
          aria-describedby={nearLimit(draft.length, DOC_LIMITS.labelChars) ? `count-${id}` : undefined}
          rows={3}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              finish(true);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              finish(false);
            }
          }}
        />
      ) : null}
      {data.editing ? (
        <CharCount id={`count-${id}`} length={draft.length} max={DOC_LIMITS.labelChars} />
      ) : (
        <p className="cycle-node-label">{data.label || <span className="muted">{t('map.emptyLabel')}</span>}</p>
      )}
      <Handle type="source" position={Position.Bottom} isConnectable={data.connectable} />
    </div>
  );
}, sameCard);
