import { memo, useEffect, useRef, useState } from 'react';
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

/** One step of the cycle: its kind, whose it is, and the words, editable in place. */
export const CycleNode = memo(function CycleNode({ id, data, selected }: NodeProps<CycleFlowNode>) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(data.label);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (data.editing) {
      setDraft(data.label);
      requestAnimationFrame(() => {
        inputRef.current?.focus();
        inputRef.current?.select();
      });
    }
    // Only when editing starts: a remote change while typing must not wipe the draft.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data.editing]);

  const commit = () => {
    data.onCommit(id, draft.trim().slice(0, DOC_LIMITS.labelChars));
    data.onEditEnd();
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
        {data.side !== 'shared' ? <span className="cycle-node-side">{data.sideName}</span> : null}
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
              commit();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              data.onEditEnd();
            }
          }}
        />
      ) : null}
      {data.editing ? (
        <CharCount id={`count-${id}`} length={draft.length} max={DOC_LIMITS.labelChars} />
      ) : (
        <p className="cycle-node-label">{data.label || <span className="muted">{t('map.emptyLabel')}</span>}</p>
      )}
      {watcher ? (
        <span className="cycle-node-watcher" style={{ background: watcher.color }}>
          {watcher.name}
        </span>
      ) : null}
      <Handle type="source" position={Position.Bottom} isConnectable={data.connectable} />
    </div>
  );
});
