import { useState } from 'react';
import { Button, ToggleButton } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  CYCLE_NODE_KINDS,
  MAP_TEMPLATE_IDS,
  type CycleNodeKind,
  type MapSide,
  type MapTemplateId,
} from '@tandem/shared';
import { SelectField } from '../../components/fields';
import type { MapNode } from './mapModel';

export interface MapToolbarProps {
  editable: boolean;
  isTherapist: boolean;
  sides: MapSide[];
  sideNames: Record<MapSide, string>;
  side: MapSide;
  onSideChange: (side: MapSide) => void;
  onAdd: (kind: CycleNodeKind) => void;
  onInsertTemplate: (id: MapTemplateId) => void;
  selected: MapNode | null;
  /** May this person change the selected card (edit, delete)? */
  selectedMine: boolean;
  others: MapNode[];
  onEdit: () => void;
  onConnect: (targetId: string) => void;
  onDelete: () => void;
  undo: { undo(): void; redo(): void; canUndo: boolean; canRedo: boolean };
  lock: { locked: boolean; canLock: boolean; pending: boolean; onChange: (locked: boolean) => void };
  onExport: (format: 'png' | 'svg') => void;
  onHistory: (() => void) | null;
}

/** Everything one can do to the map, each reachable by keyboard. */
export function MapToolbar(p: MapToolbarProps) {
  const { t } = useTranslation();
  const [template, setTemplate] = useState<MapTemplateId>('pursue-withdraw');
  const [target, setTarget] = useState<string>('');
  const sideLabel = (s: MapSide) => (s === 'shared' ? t('map.side.shared') : p.sideNames[s]);

  return (
    <div className="map-toolbar" role="toolbar" aria-label={t('map.toolbar')}>
      {p.editable ? (
        <div className="map-tool-group" role="group" aria-label={t('map.addGroup')}>
          {p.sides.length > 1 ? (
            <SelectField<MapSide>
              label={t('map.addTo')}
              value={p.side}
              onChange={p.onSideChange}
              options={p.sides.map((s) => ({ id: s, label: sideLabel(s) }))}
            />
          ) : (
            <p className="map-own-side">{t('map.ownSide', { name: sideLabel(p.side) })}</p>
          )}
          <div className="map-kind-buttons">
            {CYCLE_NODE_KINDS.map((kind) => (
              <Button
                key={kind}
                className="btn btn-small btn-secondary kind-button"
                data-kind={kind}
                onPress={() => p.onAdd(kind)}
              >
                {t(`map.add.${kind}`)}
              </Button>
            ))}
          </div>
        </div>
      ) : null}

      {p.editable && p.selected ? (
        <div className="map-tool-group" role="group" aria-label={t('map.selectedGroup', { label: p.selected.label })}>
          {p.selectedMine ? (
            <Button className="btn btn-small btn-secondary" onPress={p.onEdit}>
              {t('map.edit')}
            </Button>
          ) : null}
          {p.others.length > 0 ? (
            <div className="map-connect">
              <SelectField<string>
                label={t('map.connectTo')}
                value={target || (p.others[0]?.id ?? '')}
                onChange={setTarget}
                options={p.others.map((n) => ({
                  id: n.id,
                  label: `${t(`map.kind.${n.kind}`)}: ${n.label || t('map.emptyLabel')}`,
                }))}
              />
              <Button
                className="btn btn-small btn-secondary"
                onPress={() => p.onConnect(target || (p.others[0]?.id ?? ''))}
              >
                {t('map.connect')}
              </Button>
            </div>
          ) : null}
          {p.selectedMine ? (
            <Button className="btn btn-small btn-danger-quiet" onPress={p.onDelete}>
              {t('map.delete')}
            </Button>
          ) : null}
        </div>
      ) : null}

      {p.editable && p.isTherapist ? (
        <div className="map-tool-group" role="group" aria-label={t('map.templates.group')}>
          <SelectField<MapTemplateId>
            label={t('map.templates.label')}
            value={template}
            onChange={setTemplate}
            options={MAP_TEMPLATE_IDS.map((id) => ({ id, label: t(`map.templates.${id}`) }))}
          />
          <Button className="btn btn-small btn-secondary" onPress={() => p.onInsertTemplate(template)}>
            {t('map.templates.insert')}
          </Button>
        </div>
      ) : null}

      <div className="map-tool-group" role="group" aria-label={t('map.historyGroup')}>
        {p.editable ? (
          <>
            <Button className="btn btn-small btn-secondary" isDisabled={!p.undo.canUndo} onPress={p.undo.undo}>
              {t('map.undo')}
            </Button>
            <Button className="btn btn-small btn-secondary" isDisabled={!p.undo.canRedo} onPress={p.undo.redo}>
              {t('map.redo')}
            </Button>
          </>
        ) : null}
        {p.lock.canLock ? (
          <ToggleButton
            className="btn btn-small btn-secondary lock-toggle"
            isSelected={p.lock.locked}
            isDisabled={p.lock.pending}
            onChange={p.lock.onChange}
          >
            {t('map.lockForPartners')}
          </ToggleButton>
        ) : null}
        <Button className="btn btn-small btn-secondary" onPress={() => p.onExport('png')}>
          {t('map.exportPng')}
        </Button>
        <Button className="btn btn-small btn-secondary" onPress={() => p.onExport('svg')}>
          {t('map.exportSvg')}
        </Button>
        {p.onHistory ? (
          <Button className="btn btn-small btn-secondary" onPress={p.onHistory}>
            {t('map.history.open')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
