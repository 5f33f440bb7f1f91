import { memo, useMemo, useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  CYCLE_NODE_KINDS,
  MAP_TEMPLATE_IDS,
  type CycleNodeKind,
  type MapSide,
  type MapTemplateId,
} from '@tandem/shared';
import { SelectField } from '../../components/fields';
import type { MapNode, TemplateMode } from './mapModel';

export interface MapToolbarProps {
  editable: boolean;
  /** The add buttons (the list view has its own, per lane). */
  showAdd: boolean;
  isTherapist: boolean;
  sides: MapSide[];
  sideNames: Record<MapSide, string>;
  side: MapSide;
  onSideChange: (side: MapSide) => void;
  onAdd: (kind: CycleNodeKind) => void;
  onInsertTemplate: (id: MapTemplateId, mode: TemplateMode) => void;
  /** Does the map have cards (then inserting a template asks: beside them, or instead)? */
  hasCards: boolean;
  selected: MapNode | null;
  /** May this person change the selected card (edit, delete)? */
  selectedMine: boolean;
  /** The cards the selected one may be connected to (the same array while their kinds and words are the same). */
  others: Pick<MapNode, 'id' | 'kind' | 'label'>[];
  onEdit: () => void;
  onConnect: (targetId: string) => void;
  onDelete: () => void;
  /** The selected card's arrows this person may remove, described by the other card's words. */
  arrows: { id: string; label: string }[];
  onRemoveArrow: (edgeId: string) => void;
  undo: { undo(): void; redo(): void; canUndo: boolean; canRedo: boolean };
  lock: { locked: boolean; canLock: boolean; pending: boolean; onChange: (locked: boolean) => void };
  onExport: (format: 'png' | 'svg') => void;
  onHistory: (() => void) | null;
}

/**
 * Connect the selected card to another: a list of every other card. Memoised: the map changes (a card dropped after
 * a drag) re-render the toolbar, and this list of up to hundreds of options is the costly part of it.
 */
const ConnectPicker = memo(function ConnectPicker(props: {
  others: Pick<MapNode, 'id' | 'kind' | 'label'>[];
  onConnect: (targetId: string) => void;
}) {
  const { others, onConnect } = props;
  const { t } = useTranslation();
  const [target, setTarget] = useState<string>('');
  const options = useMemo(
    () => others.map((n) => ({ id: n.id, label: `${t(`map.kind.${n.kind}`)}: ${n.label || t('map.emptyLabel')}` })),
    [others, t],
  );
  return (
    <div className="map-connect">
      <SelectField<string>
        label={t('map.connectTo')}
        value={target || (others[0]?.id ?? '')}
        onChange={setTarget}
        options={options}
      />
      <Button className="btn btn-small btn-secondary" onPress={() => onConnect(target || (others[0]?.id ?? ''))}>
        {t('map.connect')}
      </Button>
    </div>
  );
});

/** Everything one can do to the map, each reachable by keyboard. */
export function MapToolbar(p: MapToolbarProps) {
  const { t } = useTranslation();
  const [template, setTemplate] = useState<MapTemplateId>('pursue-withdraw');
  const [arrow, setArrow] = useState<string>('');
  const [asking, setAsking] = useState(false);
  const insert = () => (p.hasCards ? setAsking(true) : p.onInsertTemplate(template, 'add'));
  const chosenArrow = p.arrows.some((a) => a.id === arrow) ? arrow : (p.arrows[0]?.id ?? '');
  const sideLabel = (s: MapSide) => (s === 'shared' ? t('map.side.shared') : p.sideNames[s]);

  return (
    <div className="map-toolbar" role="toolbar" aria-label={t('map.toolbar')}>
      {p.editable && p.showAdd ? (
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
          {p.others.length > 0 ? <ConnectPicker others={p.others} onConnect={p.onConnect} /> : null}
          {p.arrows.length > 0 ? (
            <div className="map-connect">
              <SelectField<string>
                label={t('map.arrowTo')}
                value={chosenArrow}
                onChange={setArrow}
                options={p.arrows.map((a) => ({ id: a.id, label: a.label }))}
              />
              <Button className="btn btn-small btn-secondary" onPress={() => p.onRemoveArrow(chosenArrow)}>
                {t('map.removeArrow')}
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
          <Button className="btn btn-small btn-secondary" onPress={insert}>
            {t('map.templates.insert')}
          </Button>
          <ModalOverlay className="modal-overlay" isDismissable isOpen={asking} onOpenChange={setAsking}>
            <Modal className="modal">
              <Dialog role="alertdialog" className="dialog">
                <Heading slot="title" className="dialog-title">
                  {t('map.templateAsk.title')}
                </Heading>
                <p className="dialog-body">{t('map.templateAsk.body', { name: t(`map.templates.${template}`) })}</p>
                <div className="dialog-actions">
                  <Button className="btn btn-secondary" slot="close">
                    {t('common.cancel')}
                  </Button>
                  <Button
                    className="btn btn-secondary"
                    onPress={() => {
                      setAsking(false);
                      p.onInsertTemplate(template, 'replace');
                    }}
                  >
                    {t('map.templateAsk.replace')}
                  </Button>
                  <Button
                    className="btn btn-primary"
                    autoFocus
                    onPress={() => {
                      setAsking(false);
                      p.onInsertTemplate(template, 'add');
                    }}
                  >
                    {t('map.templateAsk.add')}
                  </Button>
                </div>
              </Dialog>
            </Modal>
          </ModalOverlay>
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
          // Says what it will do: "Lock the map" while open, "Unlock the map" while locked.
          <Button
            className="btn btn-small btn-secondary lock-toggle"
            data-locked={p.lock.locked || undefined}
            isDisabled={p.lock.pending}
            onPress={() => p.lock.onChange(!p.lock.locked)}
            aria-describedby="map-lock-hint"
          >
            {p.lock.locked ? t('map.unlock') : t('map.lock')}
            <span id="map-lock-hint" hidden>
              {t('map.lockHint')}
            </span>
          </Button>
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
