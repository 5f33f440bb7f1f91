import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { docName } from '@tandem/shared';
import { Loading } from '../../components/feedback';
import { useSessionSocket } from '../session/useSessionSocket';
import { RoomTabs, tabPanelProps } from '../room/RoomTabs';
import { StopSignalControl } from '../safety/StopSignal';
import { RoomTasks } from '../between/RoomTasks';
import { ChatPanel } from './ChatPanel';
import { useYText } from './CollabTextArea';
import { PanelNotes } from './PanelNotes';
import { ShareWithRoom } from './ShareWithRoom';
import { usePrivateDoc } from './usePrivateDoc';
import './private.css';
import type { CollabConnection } from '../map/collab';

function ShareButtons({ conn, canShare }: { conn: CollabConnection; canShare: boolean }) {
  const { t } = useTranslation();
  const [hear] = useYText(conn.doc, 'prep', 'hear');
  const [notes] = useYText(conn.doc, null, 'notes');
  if (!canShare) return null;
  return (
    <div className="share-row" role="group" aria-label={t('private.share.group')}>
      <span className="muted">{t('private.share.hearLabel')}</span>
      <ShareWithRoom field="hear" text={hear} conn={conn} />
      <span className="muted">{t('private.share.notesLabel')}</span>
      <ShareWithRoom field="notes" text={notes} conn={conn} />
    </div>
  );
}

/** The partner's private side: only they and the therapist ever receive any of it. */
export function PartnerPanel() {
  const { t } = useTranslation();
  const { snapshot, sessionId, participants } = useSessionSocket();
  const [tab, setTab] = useState<string>('notes');
  const selfId = snapshot?.self.id ?? null;
  const conn = usePrivateDoc(selfId ? docName({ kind: 'panel', id: selfId }) : null, sessionId);
  if (!snapshot || !selfId) return null;
  const joint = snapshot.kind === 'joint';
  const therapistName = participants.find((p) => p.role === 'therapist')?.name ?? t('private.yourTherapist');
  return (
    <section className="panel-section private-panel" aria-labelledby="private-heading">
      <h3 id="private-heading">{t('private.partner.heading')}</h3>
      <p className="private-note">{t('private.partner.onlyYou')}</p>
      <StopSignalControl />
      <RoomTasks />
      <RoomTabs
        prefix="partner-private"
        className="tabs"
        tabClassName="tab"
        label={t('private.partner.tabs')}
        selected={tab}
        onSelect={setTab}
        tabs={[
          { id: 'notes', label: t('private.tabs.notes') },
          // In an individual session the therapist is right there on the call: no separate private line.
          ...(joint ? [{ id: 'chat', label: t('private.tabs.chat', { name: therapistName }) }] : []),
        ]}
      />
      <div className="tab-panel" {...tabPanelProps('partner-private', 'notes', tab === 'notes')}>
        {conn ? (
          <>
            <PanelNotes conn={conn} readOnly={false} />
            <ShareButtons conn={conn} canShare={snapshot.kind === 'joint'} />
          </>
        ) : (
          <Loading />
        )}
      </div>
      {joint ? (
        <div className="tab-panel" {...tabPanelProps('partner-private', 'chat', tab === 'chat')}>
          <ChatPanel partnerId={selfId} me="partner" otherName={therapistName} visible={tab === 'chat'} />
        </div>
      ) : null}
    </section>
  );
}
