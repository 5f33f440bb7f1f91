import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { LANE_ORDER, type CycleNodeKind, type MapSide } from '@tandem/shared';
import { SelectField } from '../../components/fields';
import type { MapNode } from './mapModel';

/** Editing in the list: who may change which card, and how (absent: the list is read-only). */
export interface OutlineEditing {
  canChange: (node: MapNode) => boolean;
  /** Lanes this person adds to. */
  addSides: MapSide[];
  editingId: string | null;
  onEditingChange: (id: string | null) => void;
  onCommit: (id: string, label: string) => void;
  onAdd: (kind: CycleNodeKind, side: MapSide) => void;
}

const SIDES: MapSide[] = ['a', 'b', 'shared'];
const rank = (k: CycleNodeKind) => (k === 'note' ? 99 : LANE_ORDER.indexOf(k));

/** The lanes in cycle order (trigger, meaning, feelings, action, need, then notes), as cycleOutline orders them. */
function lanesOf(nodes: MapNode[]): { side: MapSide; steps: MapNode[] }[] {
  const sorted = [...nodes].sort((p, q) => rank(p.kind) - rank(q.kind) || p.y - q.y || p.x - q.x);
  return SIDES.map((side) => ({ side, steps: sorted.filter((n) => n.side === side) })).filter((l) => l.steps.length);
}

function StepEditor({ node, onDone }: { node: MapNode; onDone: (label: string | null) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(node.label);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  return (
    <textarea
      ref={ref}
      className="map-outline-input"
      aria-label={t('map.labelField')}
      value={draft}
      maxLength={280}
      rows={2}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => onDone(draft)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          onDone(draft);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          onDone(null);
        }
      }}
    />
  );
}

/** The cycle as text, per partner, in cycle order: what a screen-reader user follows, and a phone's map. */
export function MapOutline(props: {
  nodes: MapNode[];
  sideNames: Record<MapSide, string>;
  editing?: OutlineEditing | undefined;
}) {
  const { nodes, sideNames, editing } = props;
  const { t } = useTranslation();
  const lanes = useMemo(() => lanesOf(nodes), [nodes]);
  const [kind, setKind] = useState<CycleNodeKind>('trigger');
  const sideName = (s: MapSide) => (s === 'shared' ? t('map.side.shared') : sideNames[s]);
  const shownSides = editing
    ? [...new Set([...lanes.map((l) => l.side), ...editing.addSides])]
    : lanes.map((l) => l.side);

  const done = (id: string, label: string | null) => {
    if (label !== null) editing?.onCommit(id, label.trim().slice(0, 280));
    editing?.onEditingChange(null);
  };

  return (
    <section className="map-outline" aria-labelledby="map-outline-heading" data-editable={editing ? true : undefined}>
      <h3 id="map-outline-heading">{t('map.outline.heading')}</h3>
      {lanes.length === 0 ? <p className="muted">{t('map.outline.empty')}</p> : null}
      <div className="map-outline-lanes">
        {SIDES.filter((s) => shownSides.includes(s)).map((side) => {
          const steps = lanes.find((l) => l.side === side)?.steps ?? [];
          return (
            <div key={side} className="map-outline-lane" data-side={side}>
              <h4>{sideName(side)}</h4>
              <ol>
                {steps.map((step) => (
                  <li key={step.id} data-kind={step.kind}>
                    <div className="map-outline-step">
                      <div className="map-outline-text">
                        <span className="map-outline-kind">{t(`map.kind.${step.kind}`)}:</span>{' '}
                        {editing?.editingId === step.id ? (
                          <StepEditor node={step} onDone={(label) => done(step.id, label)} />
                        ) : (
                          <span className="map-outline-words">{step.label || t('map.emptyLabel')}</span>
                        )}
                      </div>
                      {editing && editing.editingId !== step.id && editing.canChange(step) ? (
                        <Button
                          className="btn btn-small btn-secondary map-outline-edit"
                          aria-label={t('map.outline.edit', { label: step.label || t('map.emptyLabel') })}
                          onPress={() => editing.onEditingChange(step.id)}
                        >
                          {t('map.edit')}
                        </Button>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ol>
              {editing?.addSides.includes(side) ? (
                <div className="map-outline-add">
                  <SelectField<CycleNodeKind>
                    label={t('map.outline.addKind')}
                    value={kind}
                    onChange={setKind}
                    options={[...LANE_ORDER, 'note' as const].map((k) => ({ id: k, label: t(`map.kind.${k}`) }))}
                  />
                  <Button className="btn btn-small btn-secondary" onPress={() => editing.onAdd(kind, side)}>
                    {t('map.outline.add')}
                    <span className="visually-hidden"> ({sideName(side)})</span>
                  </Button>
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </section>
  );
}
