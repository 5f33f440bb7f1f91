import { useEffect, useMemo, useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { ReactFlowProvider } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import type { MapSide } from '@tandem/shared';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { formatDateTime } from '../../lib/format';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice, Loading } from '../../components/feedback';
import { MapCanvas } from './MapCanvas';
import { MapOutline } from './MapOutline';
import { readEdges, readNodes } from './mapModel';
import './map-history.css';

function SnapshotView({
  id,
  sideNames,
  onRestored,
}: {
  id: string;
  sideNames: Record<MapSide, string>;
  onRestored: () => void;
}) {
  const { t, i18n } = useTranslation();
  const snap = useQuery(`map-snapshot:${id}`, (signal) => api.mapSnapshot(id, { signal }));
  const doc = useMemo(() => {
    if (!snap.data) return null;
    const d = new Y.Doc();
    Y.applyUpdate(
      d,
      Uint8Array.from(atob(snap.data.state), (c) => c.charCodeAt(0)),
    );
    return d;
  }, [snap.data]);
  useEffect(() => () => doc?.destroy(), [doc]);
  if (!doc) return snap.loading ? <Loading /> : <ErrorNotice error={snap.error} />;
  const nodes = readNodes(doc);
  return (
    <div className="map-history-view" data-testid="map-history-view">
      <div className="map-history-head">
        <p className="muted">
          {t('map.history.asOf', {
            title: snap.data?.sessionTitle.trim() || t('map.history.untitled'),
            date: formatDateTime(snap.data?.createdAt ?? '', i18n.language),
          })}
        </p>
        <ConfirmDialog
          triggerLabel={t('map.history.restore')}
          triggerClassName="btn btn-small btn-secondary"
          title={t('map.history.restoreTitle')}
          body={t('map.history.restoreBody', {
            title: snap.data?.sessionTitle.trim() || t('map.history.untitled'),
            date: formatDateTime(snap.data?.createdAt ?? '', i18n.language),
          })}
          confirmLabel={t('map.history.restoreConfirm')}
          tone="primary"
          onConfirm={async () => {
            const res = await api.restoreMapSnapshot(id);
            if (!res.ok) return res.error;
            onRestored();
            return null;
          }}
        />
      </div>
      <ReactFlowProvider>
        <MapCanvas
          doc={doc}
          awareness={null}
          nodes={nodes}
          edges={readEdges(doc)}
          editable={false}
          ownSide={null}
          sideNames={sideNames}
          editingId={null}
          onEditingChange={() => undefined}
          onSelectionChange={() => undefined}
        />
      </ReactFlowProvider>
      <div className="map-history-outline" tabIndex={0}>
        <MapOutline nodes={nodes} sideNames={sideNames} />
      </div>
    </div>
  );
}

/** The map as it was after each past session (therapist only). */
export function MapHistory({
  coupleId,
  sideNames,
  onClose,
}: {
  coupleId: string;
  sideNames: Record<MapSide, string>;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const list = useQuery(`map-history:${coupleId}`, (signal) => api.mapHistory(coupleId, { signal }));
  const [chosen, setChosen] = useState<string | null>(null);
  const [restored, setRestored] = useState(false);
  return (
    <ModalOverlay className="modal-overlay" isDismissable isOpen onOpenChange={(open) => !open && onClose()}>
      <Modal className="modal modal-wide map-history-modal">
        <Dialog className="dialog map-history-dialog">
          <Heading slot="title" className="dialog-title">
            {t('map.history.title')}
          </Heading>
          {list.loading ? <Loading /> : null}
          <ErrorNotice error={list.error} onRetry={list.reload} />
          {list.data && list.data.length === 0 ? <p>{t('map.history.empty')}</p> : null}
          {list.data && list.data.length > 0 ? (
            <ul className="map-history-list">
              {list.data.map((s) => (
                <li key={s.id}>
                  <Button
                    className="btn btn-small btn-secondary"
                    aria-pressed={chosen === s.id}
                    onPress={() => {
                      setChosen(s.id);
                      setRestored(false);
                    }}
                  >
                    {t('map.history.item', {
                      title: s.sessionTitle.trim() || t('map.history.untitled'),
                      date: formatDateTime(s.createdAt, i18n.language),
                    })}
                  </Button>
                </li>
              ))}
            </ul>
          ) : null}
          {restored ? (
            <p role="status" className="notice">
              {t('map.history.restored')}
            </p>
          ) : null}
          {chosen ? <SnapshotView id={chosen} sideNames={sideNames} onRestored={() => setRestored(true)} /> : null}
          <div className="dialog-actions">
            <Button className="btn btn-secondary" slot="close">
              {t('map.history.close')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
