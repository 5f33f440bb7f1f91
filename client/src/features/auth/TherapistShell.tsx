import { useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PendingButton } from '../../components/PendingButton';
import { api } from '../../lib/api';
import type { AppError } from '../../lib/api';
import { ErrorNotice } from '../../components/feedback';
import { PageShell } from '../../components/PageShell';
import { useTherapist } from './TherapistContext';

/** Page chrome for signed-in therapist pages: name, sign out, language. */
export function TherapistShell({ children, width }: { children: ReactNode; width?: 'narrow' | 'normal' | 'wide' }) {
  const { t } = useTranslation();
  const { therapist } = useTherapist();
  const navigate = useNavigate();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const signOut = async () => {
    setPending(true);
    const result = await api.logout();
    setPending(false);
    if (result.ok || result.error.code === 'UNAUTHENTICATED') void navigate('/login', { replace: true });
    else setError(result.error);
  };

  return (
    <PageShell
      brandHref="/"
      width={width}
      actions={
        <>
          {therapist.clinical !== false ? <Link to="/scripts">{t('scripts.library.nav')}</Link> : null}
          {therapist.role === 'owner' || therapist.role === 'admin' ? (
            <Link to="/people">{t('app.peopleNav')}</Link>
          ) : null}
          <span className="therapist-name" data-testid="therapist-name">
            {therapist.name}
          </span>
          <Link to="/account">{t('account.nav')}</Link>
          <PendingButton className="btn btn-quiet btn-small" pending={pending} onPress={() => void signOut()}>
            {t('auth.signOut')}
          </PendingButton>
        </>
      }
    >
      <ErrorNotice error={error} />
      {children}
    </PageShell>
  );
}
