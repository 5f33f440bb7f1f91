import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { docName, type SessionPartner } from '@tandem/shared';
import { Loading } from '../../components/feedback';
import { RoomTabs, tabPanelProps } from '../room/RoomTabs';
import { useSessionEvent, useSessionSocket } from '../session/useSessionSocket';
import { ChatPanel } from './ChatPanel';
import { PanelNotes } from './PanelNotes';
import { usePrivateDoc } from './usePrivateDoc';
import { SessionNotes } from './SessionNotes';
import './private.css';

function PartnerTab({ partner, sessionId, visible }: { partner: SessionPartner; sessionId: string; visible: boolean }) {
  const { t } = useTranslation();
  const conn = usePrivateDoc(docName({ kind: 'panel', id: partner.id }), sessionId);
  return (
    <div className="partner-view">
      <h4>{t('private.therapistSide.theirPanel', { name: partner.name })}</h4>
      {conn ? <PanelNotes conn={conn} readOnly /> : <Loading />}
      <h4>{t('private.therapistSide.chatWith', { name: partner.name })}</h4>
      <ChatPanel partnerId={partner.id} me="therapist" otherName={partner.name} visible={visible} />
    </div>
  );
}

/** The therapist's side panel: own notes, each partner's private panel and line (alerts: TherapistAlerts). */
export function TherapistPanel() {
  const { t } = useTranslation();
  const { snapshot, sessionId } = useSessionSocket();
  const [tab, setTab] = useState<string>('notes');
  const [unread, setUnread] = useState<Record<string, number>>({});
  useSessionEvent('chat:message', (m) => {
    if (m.author === 'partner' && tab !== m.partnerId)
      setUnread((u) => ({ ...u, [m.partnerId]: (u[m.partnerId] ?? 0) + 1 }));
  });
  if (!snapshot) return null;
  const inSession =
    snapshot.kind === 'individual'
      ? snapshot.partners.filter((p) => snapshot.workspaceDoc === `board.${p.id}`)
      : snapshot.partners;

  return (
    <section className="panel-section private-panel" aria-labelledby="therapist-private-heading">
      <h3 id="therapist-private-heading">{t('private.therapistSide.heading')}</h3>
      <RoomTabs
        prefix="therapist-private"
        className="tabs"
        tabClassName="tab"
        label={t('private.therapistSide.tabs')}
        selected={tab}
        onSelect={(key) => {
          setTab(key);
          setUnread((u) => ({ ...u, [key]: 0 }));
        }}
        tabs={[
          { id: 'notes', label: t('private.therapistSide.myNotes') },
          ...inSession.map((p) => ({
            id: p.id,
            label: p.name,
            badge: unread[p.id] ? String(unread[p.id]) : null,
            badgeLabel: t('private.therapistSide.newMessages', { count: unread[p.id] ?? 0 }),
          })),
        ]}
      />
      <div className="tab-panel" {...tabPanelProps('therapist-private', 'notes', tab === 'notes')}>
        <SessionNotes sessionId={sessionId} />
      </div>
      {inSession.map((p) => (
        <div key={p.id} className="tab-panel" {...tabPanelProps('therapist-private', p.id, tab === p.id)}>
          <PartnerTab partner={p} sessionId={sessionId} visible={tab === p.id} />
        </div>
      ))}
    </section>
  );
}
