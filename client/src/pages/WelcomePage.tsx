import { useEffect, useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PendingButton } from '../components/PendingButton';
import { PageShell } from '../components/PageShell';
import { ErrorNotice, Loading } from '../components/feedback';
import { TextInputField } from '../components/fields';
import { NewPasswordField } from '../features/auth/NewPasswordField';
import { api, type AppError } from '../lib/api';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useQuery } from '../lib/useQuery';
import { requiredName } from '../lib/validation';

/** The invite link's token (`/welcome#<token>`): a fragment never reaches the server or its logs. */
function tokenFromAddress(): string {
  return window.location.hash.replace(/^#/, '');
}

/**
 * Sign-up from a practice's invite link: name and password (the same strength rule as everywhere), then the
 * second-factor enrolment when the practice requires one. The token stays in memory only.
 */
export function WelcomePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [token] = useState(tokenFromAddress);
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);
  useDocumentTitle(t('practice.welcome.title'), t('app.name'));
  const invite = useQuery(token ? 'staff-invite' : null, () => api.lookupStaffInvite(token));
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  // The invitee's language, chosen by who invited them, until they pick another.
  const invitedIn = invite.data?.language;
  useEffect(() => {
    if (invitedIn && invitedIn !== i18n.language) void i18n.changeLanguage(invitedIn);
    // Only on arrival: a later choice in the switcher stands.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [invitedIn]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const res = await api.acceptStaffInvite({ token, name: name.trim(), password });
    setPending(false);
    if (!res.ok) return setError(res.error);
    void navigate(res.data.step === 'enrol' ? '/enrol' : '/', { replace: true });
  };

  const data = invite.data;
  const role = data ? t(`practice.rolesInSentence.${data.role}`) : '';
  const invalid = !token || invite.error?.code === 'INVITE_INVALID' || error?.code === 'INVITE_INVALID';
  return (
    <PageShell width="narrow">
      <div className="card">
        <h1>{t('practice.welcome.title')}</h1>
        {invite.loading ? <Loading /> : null}
        {invalid ? (
          <div className="notice notice-warn" role="alert">
            <p>{t(token ? 'practice.welcome.invalid' : 'practice.welcome.noLink')}</p>
          </div>
        ) : (
          <ErrorNotice error={invite.error} onRetry={invite.reload} />
        )}
        {data && !invalid ? (
          <>
            <p className="lead">
              {data.practiceName
                ? t('practice.welcome.intro', { practice: data.practiceName, role })
                : t('practice.welcome.introNoName', { role })}
            </p>
            <p>{t('practice.welcome.emailIs', { email: data.email })}</p>
            <Form className="form" onSubmit={(e) => void submit(e)}>
              <TextInputField
                label={t('practice.welcome.name')}
                name="name"
                autoComplete="name"
                isRequired
                value={name}
                onChange={(v) => (setName(v), setError(null))}
                validate={(v) => {
                  const key = requiredName(v);
                  return key ? t(key) : null;
                }}
              />
              <NewPasswordField
                label={t('auth.password')}
                value={password}
                onChange={(v) => (setPassword(v), setError(null))}
                personal={[name, data.email]}
              />
              {data.secondFactorRequired ? <p className="muted">{t('practice.welcome.secondFactorNext')}</p> : null}
              <div className="form-actions">
                <PendingButton type="submit" className="btn btn-primary" pending={pending}>
                  {t('practice.welcome.submit')}
                </PendingButton>
              </div>
              <ErrorNotice error={invalid ? null : error} />
            </Form>
          </>
        ) : null}
      </div>
    </PageShell>
  );
}
