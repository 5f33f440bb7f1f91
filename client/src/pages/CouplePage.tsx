import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PendingButton } from '../components/PendingButton';
import type { CoupleDto, CreatedSessionDto, IssuedInviteDto, SessionDto } from '@tandem/shared';
import { api } from '../lib/api';
import type { AppError } from '../lib/api';
import { useQuery } from '../lib/useQuery';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { ErrorNotice, Loading, StatusLine } from '../components/feedback';
import { TherapistShell } from '../features/auth/TherapistShell';
import { LANGUAGE_NAME_KEYS, POLICY_KEYS } from '../features/couples/policy';
import { NewSessionForm } from '../features/sessions/NewSessionForm';
import { StopLabels } from '../features/safety/StopLabels';
import { CouplePolicy } from '../features/couples/CouplePolicy';
import { CoupleCare } from '../features/practice/CoupleCare';
import { CaseLinks } from '../features/between/CaseLinks';
import { BetweenOverview } from '../features/between/BetweenOverview';
import { CoupleSafety } from '../features/screening/CoupleSafety';
import { EndingPanel } from '../features/followup/EndingPanel';
import { SessionItem } from '../features/sessions/SessionItem';
import { SessionGroups } from '../features/schedule/SessionGroups';
import { MailProvider } from '../features/mail/MailContext';
import { ClientDataPanel } from '../features/clientData/ClientDataPanel';
import type { IssuedLinks } from '../features/sessions/SessionItem';

function CoupleDetails({ couple, onChanged }: { couple: CoupleDto; onChanged: (c: CoupleDto, note: string) => void }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const toggleArchive = async () => {
    setPending(true);
    setError(null);
    const result = await api.updateCouple(couple.id, { archived: !couple.archived });
    setPending(false);
    if (result.ok) onChanged(result.data, result.data.archived ? t('couple.archivedNote') : t('couple.unarchivedNote'));
    else setError(result.error);
  };

  return (
    <>
      <div className="page-heading">
        <h1>{couple.name}</h1>
        {couple.archived ? <span className="badge">{t('couples.archivedBadge')}</span> : null}
        <div className="page-actions">
          <Link to={`/couples/${couple.id}/history`} className="btn btn-secondary">
            {t('couple.history')}
          </Link>
          <Link to={`/couples/${couple.id}/plan`} className="btn btn-secondary">
            {t('couple.plan')}
          </Link>
          <Link to={`/couples/${couple.id}/progress`} className="btn btn-secondary">
            {t('couple.progress')}
          </Link>
          <Link to={`/couples/${couple.id}/edit`} className="btn btn-secondary">
            {t('couple.edit')}
          </Link>
          <PendingButton className="btn btn-quiet" pending={pending} onPress={() => void toggleArchive()}>
            {couple.archived ? t('couple.unarchive') : t('couple.archive')}
          </PendingButton>
        </div>
      </div>
      <ErrorNotice error={error} />
      <dl className="details">
        {couple.partners.map((partner) => (
          <div key={partner.id} className="details-row">
            <dt>{partner.slot === 'a' ? t('couple.partnerA') : t('couple.partnerB')}</dt>
            <dd>
              {partner.displayName} <span className="muted">· {t(LANGUAGE_NAME_KEYS[partner.language])}</span>
            </dd>
          </div>
        ))}
        <div className="details-row">
          <dt>{t('couple.policy')}</dt>
          <dd>
            <strong>{t(POLICY_KEYS[couple.policy].name)}</strong>
            <span className="muted"> · {t(POLICY_KEYS[couple.policy].short)}</span>
          </dd>
        </div>
      </dl>
    </>
  );
}

export function CouplePage() {
  const { t } = useTranslation();
  const { coupleId = '' } = useParams();
  const navigate = useNavigate();
  const couple = useQuery(`couple:${coupleId}`, (signal) => api.getCouple(coupleId, { signal }));
  const sessions = useQuery(`sessions:${coupleId}`, (signal) => api.listSessions(coupleId, { signal }));
  const [issued, setIssued] = useState<IssuedLinks | null>(null);
  const [note, setNote] = useState('');
  useDocumentTitle(couple.data?.name ?? t('couple.title'), t('app.name'));

  const partnerName = (id: string) =>
    couple.data?.partners.find((p) => p.id === id)?.displayName ?? t('couple.unknownPartner');

  const replaceSession = (session: SessionDto) =>
    sessions.setData((list) =>
      list.some((s) => s.id === session.id) ? list.map((s) => (s.id === session.id ? session : s)) : [session, ...list],
    );

  const onCreated = (created: CreatedSessionDto, more: SessionDto[]) => {
    if (sessions.data) for (const session of [created.session, ...more]) replaceSession(session);
    else sessions.reload();
    setIssued({
      sessionId: created.session.id,
      links: Object.fromEntries(created.invites.map((i) => [i.partnerId, i])),
    });
    const sent = created.emailed?.filter((e) => e.state === 'sent').length ?? 0;
    const failed = created.emailed?.filter((e) => e.state === 'failed').map((e) => partnerName(e.partnerId)) ?? [];
    setNote(
      [
        t('sessions.createdNote'),
        sent > 0 ? t('mail.createdSent', { count: sent }) : '',
        failed.length > 0 ? t('mail.createdFailed', { names: failed.join(', ') }) : '',
      ]
        .filter(Boolean)
        .join(' '),
    );
  };

  const onReissued = async (sessionId: string, invite: IssuedInviteDto) => {
    setIssued((prev) =>
      prev?.sessionId === sessionId
        ? { sessionId, links: { ...prev.links, [invite.partnerId]: invite } }
        : { sessionId, links: { [invite.partnerId]: invite } },
    );
    setNote(t('invites.reissuedNote', { name: partnerName(invite.partnerId) }));
    const fresh = await api.getSession(sessionId);
    if (fresh.ok) replaceSession(fresh.data);
  };

  const onSessionChanged = (session: SessionDto, revokedPartnerId?: string) => {
    replaceSession(session);
    if (revokedPartnerId) setNote(t('invites.revokedNote', { name: partnerName(revokedPartnerId) }));
    setIssued((prev) => {
      if (prev?.sessionId !== session.id) return prev;
      const links = Object.fromEntries(
        Object.entries(prev.links).filter(
          ([pid]) => session.invites.find((i) => i.partnerId === pid)?.state === 'active',
        ),
      );
      return { sessionId: session.id, links };
    });
  };

  return (
    <TherapistShell>
      <p className="breadcrumb">
        <Link to="/">{t('couple.back')}</Link>
      </p>
      {couple.loading ? <Loading /> : null}
      <ErrorNotice error={couple.error} onRetry={couple.reload} />
      <StatusLine>{note}</StatusLine>
      {couple.data ? (
        <MailProvider couple={couple.data}>
          <CoupleDetails
            couple={couple.data}
            onChanged={(c, message) => {
              couple.setData(c);
              setNote(message);
            }}
          />
          <section aria-labelledby="new-session-heading" className="section card">
            <h2 id="new-session-heading">{t('newSession.heading')}</h2>
            {couple.data.archived ? (
              <p className="muted">{t('newSession.archived')}</p>
            ) : (
              <NewSessionForm couple={couple.data} onCreated={onCreated} />
            )}
          </section>
          <CoupleCare coupleId={couple.data.id} onTransferred={() => void navigate('/')} />
          <CouplePolicy couple={couple.data} onChanged={(policy) => couple.setData((c) => ({ ...c, policy }))} />
          <StopLabels couple={couple.data} />
          <CaseLinks couple={couple.data} />
          <CoupleSafety
            couple={couple.data}
            onJointWork={({ safety, booked }) => {
              couple.setData((c) => ({ ...c, jointPausedAt: safety.jointPausedAt }));
              for (const b of booked) replaceSession(b.session);
              setNote(
                safety.jointPausedAt === null
                  ? t('screening.joint.resumedNote')
                  : booked.length > 0
                    ? t('screening.joint.bookedNote')
                    : t('screening.joint.pausedNote'),
              );
            }}
          />
          <BetweenOverview coupleId={couple.data.id} />
          <EndingPanel coupleId={couple.data.id} />
          <section aria-labelledby="sessions-heading" className="section" aria-busy={sessions.loading}>
            <h2 id="sessions-heading">{t('sessions.heading')}</h2>
            {sessions.loading ? <Loading /> : null}
            <ErrorNotice error={sessions.error} onRetry={sessions.reload} />
            {sessions.data?.length === 0 ? <p className="empty">{t('sessions.empty')}</p> : null}
            {sessions.data && sessions.data.length > 0 ? (
              <SessionGroups
                sessions={sessions.data}
                render={(session) => (
                  <SessionItem
                    key={session.id}
                    session={session}
                    partnerName={partnerName}
                    issued={issued}
                    onReissued={(sid, invite) => void onReissued(sid, invite)}
                    onSessionChanged={onSessionChanged}
                    onCancelled={(ids) => {
                      setNote(t('schedule.cancel.done', { count: ids.length }));
                      sessions.reload();
                    }}
                    onCliniciansChanged={sessions.reload}
                  />
                )}
              />
            ) : null}
          </section>
          <ClientDataPanel couple={couple.data} />
        </MailProvider>
      ) : null}
    </TherapistShell>
  );
}
