/**
 * The owner or an admin issues a password-reset link for a colleague's account (when this server sends no e-mail,
 * or the colleague's mail does not arrive) and copies it to them. An admin can do so for clinicians only.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedInviteDto } from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { ErrorNotice } from '../../components/feedback';
import type { AppError } from '../../lib/api';
import { InviteLinkField } from '../sessions/InviteLinkField';
import { clientDataApi } from './clientDataApi';
import '../../styles/clientData.css';

export function ResetLinks({ accounts }: { accounts: readonly { id: string; name: string; email: string }[] }) {
  const { t } = useTranslation();
  const [issued, setIssued] = useState<IssuedInviteDto | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const issue = async (id: string) => {
    setPending(id);
    setError(null);
    const res = await clientDataApi.resetLink(id);
    setPending(null);
    if (!res.ok) return setError(res.error);
    setIssued({ partnerId: id, url: res.data.url, expiresAt: res.data.expiresAt });
  };

  return (
    <section aria-labelledby="reset-links-heading" className="section card" data-testid="reset-links">
      <h2 id="reset-links-heading">{t('resetLinks.heading')}</h2>
      <p className="muted">{t('resetLinks.intro')}</p>
      <ul className="account-list">
        {accounts.map((a) => (
          <li key={a.id}>
            <PendingButton
              className="btn btn-secondary btn-small"
              pending={pending === a.id}
              onPress={() => void issue(a.id)}
            >
              {t('resetLinks.create', { name: a.name })}
            </PendingButton>{' '}
            <span className="muted">{a.email}</span>
            {issued?.partnerId === a.id ? (
              <InviteLinkField invite={issued} partnerName={a.name} label={t('resetLinks.linkFor', { name: a.name })} />
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorNotice error={error} />
    </section>
  );
}
