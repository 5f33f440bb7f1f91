import { useState } from 'react';
import type { FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PendingButton } from '../components/PendingButton';
import { api } from '../lib/api';
import type { AppError } from '../lib/api';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useQuery } from '../lib/useQuery';
import { PageShell } from '../components/PageShell';
import { EmailField, PasswordField } from '../components/authFields';
import { ErrorNotice } from '../components/feedback';
import { SECURITY_LIMITS } from '@tandem/shared';
import { CodeStep } from '../features/security/CodeStep';
import '../styles/clientData.css';

/** Whether the gate sent us here because this device's sign-in ended for inactivity. */
function signedOutIdle(state: unknown): boolean {
  return (state as { idle?: unknown } | null)?.idle === true;
}

function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const setup = useQuery('setup', (signal) => api.setupStatus({ signal }));
  // A password step already taken on this device (a reload): its code is what is missing.
  const held = useQuery('login-state', (signal) => api.authState({ signal }));
  const [codeStep, setCodeStep] = useState(false);
  useDocumentTitle(codeStep ? t('security.code.title') : t('login.title'), t('app.name'));

  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  if (held.data?.step === 'enrol') return <Navigate to="/enrol" replace />;
  if (codeStep || held.data?.step === 'code') {
    return (
      <CodeStep
        onDone={() => void navigate(returnPath(location.state), { replace: true })}
        onRestart={() => {
          setCodeStep(false);
          held.setData((d) => ({ ...d, step: undefined }));
        }}
      />
    );
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await api.login({ email: email.trim(), password });
    setPending(false);
    if (!result.ok) return setError(result.error);
    if (result.data.step === 'code') setCodeStep(true);
    else if (result.data.step === 'enrol') void navigate('/enrol', { replace: true });
    else void navigate(returnPath(location.state), { replace: true });
  };

  /** An edit answers the last refusal: its message goes. */
  const edit =
    (set: (value: string) => void) =>
    (value: string): void => {
      set(value);
      setError(null);
    };

  // Never say whether the email exists: a bad email and a bad password read the same.
  const messageKey =
    error?.code === 'INVALID_CREDENTIALS' || error?.code === 'UNAUTHENTICATED' || error?.code === 'NOT_FOUND'
      ? 'login.invalid'
      : error?.code === 'RATE_LIMITED'
        ? 'login.rateLimited'
        : undefined;

  return (
    <PageShell width="narrow">
      <div className="card">
        <h1>{t('login.title')}</h1>
        {signedOutIdle(location.state) ? (
          <p className="notice notice-info" role="status" data-testid="signed-out-idle">
            {t('security.idle', { minutes: SECURITY_LIMITS.idleMs / 60_000 })}
          </p>
        ) : null}
        <p className="lead">{t('login.intro')}</p>
        <Form className="form" onSubmit={(e) => void submit(e)}>
          <EmailField value={email} onChange={edit(setEmail)} autoComplete="username" />
          <PasswordField value={password} onChange={edit(setPassword)} purpose="current" />
          <div className="form-actions">
            <PendingButton type="submit" className="btn btn-primary" pending={pending}>
              {t('login.submit')}
            </PendingButton>
          </div>
          {/* Below the button, as on setup: a refusal never moves the button the next click aims at. */}
          <ErrorNotice error={error} messageKey={messageKey} />
        </Form>
        <p className="page-foot-link">
          <Link to="/forgot-password">{t('forgot.link')}</Link>
        </p>
      </div>
    </PageShell>
  );
}
