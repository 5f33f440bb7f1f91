import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PRACTICE_NAME_MAX } from '@tandem/shared';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { PendingButton } from '../components/PendingButton';
import { ErrorNotice, StatusLine } from '../components/feedback';
import { TextInputField } from '../components/fields';
import { NewPasswordField } from '../features/auth/NewPasswordField';
import { useTherapist } from '../features/auth/TherapistContext';
import { TherapistShell } from '../features/auth/TherapistShell';
import { api } from '../lib/api';
import type { AppError } from '../lib/api';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/**
 * An error summary for a form: when a submit is blocked, the invalid fields' labels and messages, listed in one
 * alert (announced once), besides each field's own message.
 */
function useErrorSummary() {
  const [problems, setProblems] = useState<string[]>([]);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    let collected: string[] | null = null;
    // `invalid` does not bubble: listen in the capture phase, once per blocked submit.
    const onInvalid = (event: Event) => {
      const field = event.target as HTMLInputElement;
      const label = field.labels?.[0]?.textContent ?? field.name;
      if (!collected) {
        collected = [];
        // One blocked submit fires one `invalid` per field, each followed by a microtask checkpoint: flush in a
        // task, after all of them.
        setTimeout(() => {
          setProblems(collected ?? []);
          collected = null;
        }, 0);
      }
      collected.push(`${label}: ${field.validationMessage}`);
    };
    root.addEventListener('invalid', onInvalid, true);
    return () => root.removeEventListener('invalid', onInvalid, true);
  }, []);
  return { problems, clear: () => setProblems([]), ref };
}

function ErrorSummary({ problems }: { problems: string[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="notice notice-error">
      <p>{t('account.errorSummary')}</p>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}

function ChangePasswordForm() {
  const { t } = useTranslation();
  const { therapist } = useTherapist();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [status, setStatus] = useState('');
  const [formKey, setFormKey] = useState(0);
  const { problems, clear: clearProblems, ref: summaryRef } = useErrorSummary();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clearProblems();
    setPending(true);
    setError(null);
    setStatus('');
    const result = await api.changePassword({ currentPassword: current, newPassword: next });
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setCurrent('');
    setNext('');
    setConfirm('');
    setFormKey((k) => k + 1);
    setStatus(t('account.changed'));
  };

  const messageKey = error?.code === 'INVALID_CREDENTIALS' ? 'account.wrongCurrent' : undefined;
  return (
    <section className="section" aria-labelledby="account-password">
      <h2 id="account-password">{t('account.passwordHeading')}</h2>
      <p className="muted">{t('account.passwordIntro')}</p>
      <div ref={summaryRef}>
        <ErrorSummary problems={problems} />
        <Form key={formKey} className="form" onSubmit={(e) => void submit(e)}>
          <input type="text" name="username" autoComplete="username" value={therapist.email} readOnly hidden />
          <TextInputField
            label={t('account.currentPassword')}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            isRequired
            value={current}
            onChange={setCurrent}
            validate={(v) => (v ? null : t('validation.required'))}
          />
          <NewPasswordField
            label={t('account.newPassword')}
            name="newPassword"
            value={next}
            onChange={setNext}
            personal={[therapist.name, therapist.email]}
          />
          <TextInputField
            label={t('account.confirmPassword')}
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            isRequired
            value={confirm}
            onChange={setConfirm}
            validate={(v) => (v === next ? null : t('account.mismatch'))}
          />
          <ErrorNotice error={error} messageKey={messageKey} />
          <div className="form-actions">
            <PendingButton type="submit" className="btn btn-primary" pending={pending}>
              {t('account.submit')}
            </PendingButton>
          </div>
        </Form>
      </div>
      <StatusLine>{status}</StatusLine>
    </section>
  );
}

/** The practice's name, printed on the records' PDFs. */
function PracticeForm() {
  const { t } = useTranslation();
  // The practice's settings are its owner's and admins' to change; a clinician reads them.
  const manages = useTherapist().therapist.role !== 'clinician';
  const [value, setValue] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    void api.practice({ signal: controller.signal }).then((res) => {
      if (controller.signal.aborted) return;
      if (res.ok) setValue(res.data.practiceName);
      else setError(res.error);
      setLoaded(true);
    });
    return () => controller.abort();
  }, []);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    setSaved(false);
    const res = await api.setPractice({ practiceName: value });
    setPending(false);
    if (!res.ok) return setError(res.error);
    setValue(res.data.practiceName);
    setSaved(true);
  };
  return (
    <section className="section" aria-label={t('account.practice.name')}>
      <Form className="form" onSubmit={(e) => void submit(e)}>
        <TextInputField
          label={t('account.practice.name')}
          description={t('account.practice.hint')}
          name="practiceName"
          autoComplete="organization"
          maxLength={PRACTICE_NAME_MAX}
          isDisabled={!loaded || !manages}
          value={value}
          onChange={(v) => {
            setValue(v);
            setSaved(false);
          }}
        />
        <ErrorNotice error={error} />
        <div className="form-actions">
          <PendingButton type="submit" className="btn btn-secondary" pending={pending} isDisabled={!loaded || !manages}>
            {t('account.practice.save')}
          </PendingButton>
        </div>
      </Form>
      <StatusLine>{saved ? t('account.practice.saved') : ''}</StatusLine>
    </section>
  );
}

function SignOutEverywhere() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <section className="section" aria-labelledby="account-everywhere">
      <h2 id="account-everywhere">{t('account.everywhereHeading')}</h2>
      <p className="muted">{t('account.everywhereIntro')}</p>
      <ConfirmDialog
        triggerLabel={t('account.everywhereButton')}
        title={t('account.everywhereTitle')}
        body={t('account.everywhereBody')}
        confirmLabel={t('account.everywhereConfirm')}
        onConfirm={async () => {
          const result = await api.signOutEverywhere();
          if (result.ok || result.error.code === 'UNAUTHENTICATED') {
            void navigate('/login', { replace: true });
            return null;
          }
          return result.error;
        }}
      />
    </section>
  );
}

/** The signed-in therapist's own account: the practice's name, change password, sign out everywhere. */
export function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.title'), t('app.name'));
  return (
    <TherapistShell width="narrow">
      <div className="card">
        <h1>{t('account.title')}</h1>
        <p className="lead">
          {t('account.intro')} <Link to="/account/security">{t('security.accountLink')}</Link>{' '}
          <Link to="/account/data">{t('retention.nav')}</Link>
        </p>
        <ChangePasswordForm />
        <SignOutEverywhere />
      </div>
    </TherapistShell>
  );
}

/**
 * The practice's name, on its own page: reached from the record page, beside the PDF it is printed on. (On the
 * account page, any practice section made the password form's e2e fail to submit after a first blocked submit;
 * the cause is not found yet.)
 */
export function PracticePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.practice.heading'), t('app.name'));
  return (
    <TherapistShell width="narrow">
      <div className="card">
        <h1>{t('account.practice.heading')}</h1>
        <PracticeForm />
        <Link to="/account">{t('account.title')}</Link>
      </div>
    </TherapistShell>
  );
}
