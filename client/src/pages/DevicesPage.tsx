import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DeviceDto } from '@tandem/shared';
import { PendingButton } from '../components/PendingButton';
import { ErrorNotice, Loading, StatusLine } from '../components/feedback';
import { TherapistShell } from '../features/auth/TherapistShell';
import { api } from '../lib/api';
import type { AppError } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useQuery } from '../lib/useQuery';

/** One's signed-in devices, this one marked, each other one with "sign out". */
export function DevicesPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('security.devices.title'), t('app.name'));
  const query = useQuery('devices', (signal) => api.devices({ signal }));
  const [removed, setRemoved] = useState<string[]>([]);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [status, setStatus] = useState('');
  const when = (iso: string) => formatDateTime(iso, i18n.language) ?? iso;
  const nameOf = (d: DeviceDto) => d.summary || t('security.devices.unknown');
  const signOut = async (d: DeviceDto) => {
    setPending(d.id);
    setError(null);
    const res = await api.signOutDevice(d.id);
    setPending(null);
    if (!res.ok) return setError(res.error);
    setRemoved((r) => [...r, d.id]);
    setStatus(t('security.devices.signedOut', { device: nameOf(d) }));
  };
  const devices = (query.data ?? []).filter((d) => !removed.includes(d.id));
  return (
    <TherapistShell width="narrow">
      <div className="card">
        <h1>{t('security.devices.title')}</h1>
        <p className="lead">{t('security.devices.intro')}</p>
        {query.loading ? <Loading /> : null}
        <ErrorNotice error={query.error ?? error} onRetry={query.error ? query.reload : undefined} />
        <ul className="device-list" aria-label={t('security.devices.listLabel')}>
          {devices.map((d) => (
            <li key={d.id} className="device" data-current={d.current || undefined}>
              <div className="device-text">
                <p className="device-name">
                  <strong>{nameOf(d)}</strong>
                  {d.current ? <span className="badge badge-current">{t('security.devices.current')}</span> : null}
                </p>
                <p className="muted">{t('security.devices.signedIn', { when: when(d.signedInAt) })}</p>
                <p className="muted">{t('security.devices.lastActive', { when: when(d.lastActiveAt) })}</p>
              </div>
              {d.current ? null : (
                <PendingButton
                  className="btn btn-secondary btn-small"
                  pending={pending === d.id}
                  aria-label={t('security.devices.signOutLabel', { device: nameOf(d), when: when(d.signedInAt) })}
                  onPress={() => void signOut(d)}
                >
                  {t('security.devices.signOut')}
                </PendingButton>
              )}
            </li>
          ))}
        </ul>
        <StatusLine>{status}</StatusLine>
        <Link to="/account/security">{t('security.title')}</Link>
      </div>
    </TherapistShell>
  );
}
