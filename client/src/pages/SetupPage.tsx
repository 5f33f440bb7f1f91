import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Navigate, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PendingButton } from '../components/PendingButton';
import { api } from '../lib/api';
import type { AppError } from '../lib/api';
import { useQuery } from '../lib/useQuery';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { requiredName } from '../lib/validation';
import { PageShell } from '../components/PageShell';
import { EmailField } from '../components/authFields';
import { ErrorNotice, Loading } from '../components/feedback';
import { TextInputField } from '../components/fields';
import { NewPasswordField } from '../features/auth/NewPasswordField';

/** The one-time code from the start banner's link (`/setup?token=...`), read once. */
function tokenFromAddress(): string {
  return new URLSearchParams(window.location.search).get('token') ?? '';
}

/**
 * First run: create the practice's first therapist account (and sign in). The start banner's link carries a
 * one-time code; we keep it in memory and drop it from the address bar (history, screenshots, shoulder surfing).
 */
export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const status = useQuery('setup', (signal) => api.setupStatus({ signal }));
  const [fromLink] = useState(tokenFromAddress);
  const [setupToken, setSetupToken] = useState(fromLink);
  useEffect(() => {
    if (!window.location.search) return;
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.hash);
  }, []);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  // A refused code asks for it; the field stays once shown, even after the error clears on the next edit.
  const [askCode, setAskCode] = useState(!fromLink);
  useDocumentTitle(t('setup.title'), t('app.name'));

  if (status.data && !status.data.needsSetup) return <Navigate to="/login" replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await api.setup({ name: name.trim(), email: email.trim(), password, setupToken: setupToken.trim() });
    setPending(false);
    if (result.ok) {
      void navigate('/', { replace: true });
      return;
    }
    setError(result.error);
    if (result.error.code === 'SETUP_TOKEN_INVALID') setAskCode(true);
  };
  /** An edit answers the last refusal: its message goes, so it never speaks for the new values. */
  const edit =
    (set: (value: string) => void) =>
    (value: string): void => {
      set(value);
      setError(null);
    };

  const messageKey =
    error?.code === 'CONFLICT'
      ? 'setup.alreadyDone'
      : error?.code === 'SETUP_TOKEN_INVALID'
        ? 'setupClaim.invalid'
        : undefined;

  return (
    <PageShell width="narrow">
      <div className="card">
        <h1>{t('setup.title')}</h1>
        <p className="lead">{t('setup.intro')}</p>
        {status.loading ? <Loading /> : null}
        <ErrorNotice error={status.error} onRetry={status.reload} />
        {status.data?.needsSetup && !fromLink ? (
          <div className="notice notice-info">
            <p>{t('setupClaim.noCode')}</p>
          </div>
        ) : null}
        {status.data?.needsSetup ? (
          <Form className="form" onSubmit={(e) => void submit(e)}>
            {askCode ? (
              <TextInputField
                label={t('setupClaim.code')}
                name="setupToken"
                autoComplete="off"
                isRequired
                value={setupToken}
                onChange={edit(setSetupToken)}
                description={t('setupClaim.codeHint')}
              />
            ) : null}
            <TextInputField
              label={t('setup.name')}
              name="name"
              autoComplete="name"
              isRequired
              value={name}
              onChange={edit(setName)}
              validate={(v) => {
                const key = requiredName(v);
                return key ? t(key) : null;
              }}
            />
            <EmailField value={email} onChange={edit(setEmail)} autoComplete="email" />
            <NewPasswordField
              label={t('auth.password')}
              value={password}
              onChange={edit(setPassword)}
              personal={[name, email]}
            />
            <div className="form-actions">
              <PendingButton type="submit" className="btn btn-primary" pending={pending}>
                {t('setup.submit')}
              </PendingButton>
            </div>
            {/* Below the button: a refusal never moves the button the next click aims at. */}
            <ErrorNotice error={error} messageKey={messageKey} />
          </Form>
        ) : null}
      </div>
    </PageShell>
  );
}
