import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading, StatusLine } from '../components/feedback';
import { TherapistShell } from '../features/auth/TherapistShell';
import { useTherapist } from '../features/auth/TherapistContext';
import { InviteForm } from '../features/practice/InviteForm';
import { PersonItem } from '../features/practice/PersonItem';
import { PracticeSettingsForm } from '../features/practice/PracticeSettingsForm';
import { ResetLinks } from '../features/clientData/ResetLinks';
import { api, type AppError } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useQuery } from '../lib/useQuery';

/** The practice's people, for its owner and admins: list, invite, change a role, deactivate. */
export function PeoplePage() {
  const { t, i18n } = useTranslation();
  const { therapist } = useTherapist();
  useDocumentTitle(t('practice.people.title'), t('app.name'));
  const query = useQuery('people', (signal) => api.people({ signal }));
  const [status, setStatus] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const changed = (message: string) => {
    setError(null);
    setStatus(message);
    query.reload();
  };
  const people = query.data?.people ?? [];
  const receivers = people.filter((p) => p.clinical && p.deactivatedAt === null);
  const meRole = people.find((p) => p.id === therapist.id)?.role;
  // Reset links: for active colleagues; an admin's only for clinicians (never the owner's or another admin's).
  const resettable = people.filter(
    (p) => p.id !== therapist.id && p.deactivatedAt === null && (meRole === 'owner' || p.role === 'clinician'),
  );

  return (
    <TherapistShell width="normal">
      <div className="card">
        <h1>{t('practice.people.title')}</h1>
        <p className="lead">{t('practice.people.intro')}</p>
        {query.loading && !query.data ? <Loading /> : null}
        <ErrorNotice error={query.error ?? error} onRetry={query.error ? query.reload : undefined} />
        <ul className="device-list people-list" aria-label={t('practice.people.listLabel')}>
          {people.map((p) => (
            <PersonItem
              key={p.id}
              person={p}
              isMe={p.id === therapist.id}
              receivers={receivers}
              onChanged={changed}
              onError={setError}
            />
          ))}
        </ul>
        <StatusLine>{status}</StatusLine>
      </div>
      {query.data ? <InviteForm mailConfigured={query.data.mailConfigured} onCreated={query.reload} /> : null}
      {resettable.length > 0 ? <ResetLinks accounts={resettable} /> : null}
      {query.data && query.data.invites.length > 0 ? (
        <section className="section card" aria-labelledby="open-invites">
          <h2 id="open-invites">{t('practice.invite.open')}</h2>
          <ul className="device-list people-list">
            {query.data.invites.map((inv) => (
              <li key={inv.id} className="device person">
                <div className="device-text person-text">
                  <p>
                    <strong>{inv.email}</strong> · {t(`practice.roles.${inv.role}`)}
                  </p>
                  <p className="muted">
                    {t('practice.invite.expires', { when: formatDateTime(inv.expiresAt, i18n.language) ?? '' })}
                  </p>
                </div>
                <Button
                  className="btn btn-quiet btn-small"
                  aria-label={t('practice.invite.revokeLabel', { email: inv.email })}
                  onPress={() =>
                    void api.revokeStaffInvite(inv.id).then((res) => (res.ok ? query.reload() : setError(res.error)))
                  }
                >
                  {t('practice.invite.revoke')}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <PracticeSettingsForm />
    </TherapistShell>
  );
}
