import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageShell } from '../components/PageShell';
import { PendingButton } from '../components/PendingButton';
import { ErrorNotice } from '../components/feedback';
import { NewPasswordField } from '../features/auth/NewPasswordField';
import { clientDataApi } from '../features/clientData/clientDataApi';
import type { AppError } from '../lib/api';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import '../styles/clientData.css';

/** The token rides in the link's fragment (never sent to the server by the browser, never logged). */
const tokenOf = (hash: string) => (/^#([A-Za-z0-9_-]{43})$/.exec(hash) ?? [])[1] ?? null;

/** Using a reset link: a new password; every sign-in ends; nobody is signed in by it. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('reset.title'), t('app.name'));
  const [token] = useState(() => tokenOf(window.location.hash));
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!token) return;
    setPending(true);
    setError(null);
    const res = await clientDataApi.reset({ token, newPassword: password });
    setPending(false);
    if (!res.ok) return setError(res.error);
    setDone(true);
  };

  return (
    <PageShell width="narrow">
      <div className="card">
        <h1>{t('reset.title')}</h1>
        {done ? (
          <p className="notice notice-info" role="status" data-testid="reset-done">
            {t('reset.done')}
          </p>
        ) : token ? (
          <>
            <p className="lead">{t('reset.intro')}</p>
            <Form className="form" onSubmit={(e) => void submit(e)}>
              <NewPasswordField
                label={t('reset.newPassword')}
                name="newPassword"
                value={password}
                onChange={setPassword}
                personal={[]}
              />
              <div className="form-actions">
                <PendingButton type="submit" className="btn btn-primary" pending={pending}>
                  {t('reset.submit')}
                </PendingButton>
              </div>
              <ErrorNotice error={error} />
            </Form>
          </>
        ) : (
          <p className="notice notice-error" role="alert">
            {t('reset.missing')}
          </p>
        )}
        <p className="page-foot-link">
          <Link to="/login" className={done ? 'btn btn-primary' : undefined}>
            {done ? t('reset.signIn') : t('forgot.back')}
          </Link>
        </p>
      </div>
    </PageShell>
  );
}
