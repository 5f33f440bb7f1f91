import { useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageShell } from '../components/PageShell';
import { PendingButton } from '../components/PendingButton';
import { EmailField } from '../components/authFields';
import { ErrorNotice } from '../components/feedback';
import { clientDataApi } from '../features/clientData/clientDataApi';
import type { AppError } from '../lib/api';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import '../styles/clientData.css';

/** "Forgot password": the same answer whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('forgot.title'), t('app.name'));
  const [email, setEmail] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [answer, setAnswer] = useState<'sent' | 'noMail' | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const res = await clientDataApi.forgot({
      email: email.trim(),
      language: i18n.language.startsWith('es') ? 'es' : 'en',
    });
    setPending(false);
    if (!res.ok) return setError(res.error);
    setAnswer(res.data.mail ? 'sent' : 'noMail');
  };

  return (
    <PageShell width="narrow">
      <div className="card">
        <h1>{t('forgot.title')}</h1>
        {answer ? (
          <p className="notice notice-info" role="status" data-testid="forgot-answer">
            {t(answer === 'sent' ? 'forgot.sent' : 'forgot.noMail')}
          </p>
        ) : (
          <>
            <p className="lead">{t('forgot.intro')}</p>
            <Form className="form" onSubmit={(e) => void submit(e)}>
              <EmailField value={email} onChange={setEmail} autoComplete="username" />
              <div className="form-actions">
                <PendingButton type="submit" className="btn btn-primary" pending={pending}>
                  {t('forgot.submit')}
                </PendingButton>
              </div>
              <ErrorNotice error={error} />
            </Form>
          </>
        )}
        <p className="page-foot-link">
          <Link to="/login">{t('forgot.back')}</Link>
        </p>
      </div>
    </PageShell>
  );
}
