import { useState } from 'react';
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
import { EmailField, PasswordField } from '../components/authFields';
import { ErrorNotice, Loading } from '../components/feedback';
import { TextInputField } from '../components/fields';

/** First run: create the practice's first therapist account (and sign in). */
export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const status = useQuery('setup', (signal) => api.setupStatus({ signal }));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  useDocumentTitle(t('setup.title'), t('app.name'));

  if (status.data && !status.data.needsSetup) return <Navigate to="/login" replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await api.setup({ name: name.trim(), email: email.trim(), password });
    setPending(false);
    if (result.ok) void navigate('/', { replace: true });
    else setError(result.error);
  };

  return (
    <PageShell width="narrow">
      <div className="card">
        <h1>{t('setup.title')}</h1>
        <p className="lead">{t('setup.intro')}</p>
        {status.loading ? <Loading /> : null}
        <ErrorNotice error={status.error} onRetry={status.reload} />
        {status.data?.needsSetup ? (
          <Form className="form" onSubmit={(e) => void submit(e)}>
            <TextInputField
              label={t('setup.name')}
              name="name"
              autoComplete="name"
              isRequired
              value={name}
              onChange={setName}
              validate={(v) => {
                const key = requiredName(v);
                return key ? t(key) : null;
              }}
            />
            <EmailField value={email} onChange={setEmail} autoComplete="email" />
            <PasswordField value={password} onChange={setPassword} purpose="new" />
            <ErrorNotice error={error} messageKey={error?.code === 'CONFLICT' ? 'setup.alreadyDone' : undefined} />
            <div className="form-actions">
              <PendingButton type="submit" className="btn btn-primary" pending={pending}>
                {t('setup.submit')}
              </PendingButton>
            </div>
          </Form>
        ) : null}
      </div>
    </PageShell>
  );
}
