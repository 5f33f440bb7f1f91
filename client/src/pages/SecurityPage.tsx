import { useState } from 'react';
import type { FormEvent } from 'react';
import { Checkbox, Form } from 'react-aria-components';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SecurityStateDto } from '@tandem/shared';
import { PendingButton } from '../components/PendingButton';
import { ErrorNotice, Loading, StatusLine } from '../components/feedback';
import { TextInputField } from '../components/fields';
import { TherapistShell } from '../features/auth/TherapistShell';
import { TotpSetup } from '../features/security/TotpSetup';
import { api } from '../lib/api';
import type { AppError } from '../lib/api';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useQuery } from '../lib/useQuery';

/** Turning two-step sign-in off: the password and a code (or a recovery code). */
function DisableTotp({ onDisabled }: { onDisabled: (state: SecurityStateDto) => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const res = await api.disableTotp({ password, code });
    setPending(false);
    if (res.ok) onDisabled(res.data);
    else setError(res.error);
  };
  const messageKey =
    error?.code === 'INVALID_CREDENTIALS'
      ? 'security.totp.wrongEither'
      : error?.code === 'CONFLICT'
        ? 'security.totp.requiredNote'
        : undefined;
  return (
    <section className="section" aria-labelledby="totp-disable">
      <h3 id="totp-disable">{t('security.totp.disableHeading')}</h3>
      <Form className="form" onSubmit={(e) => void submit(e)}>
        <TextInputField
          label={t('security.totp.disablePassword')}
          name="password"
          type="password"
          autoComplete="current-password"
          isRequired
          value={password}
          onChange={setPassword}
        />
        <TextInputField
          label={t('security.totp.disableCode')}
          name="code"
          autoComplete="one-time-code"
          isRequired
          maxLength={40}
          value={code}
          onChange={setCode}
        />
        <ErrorNotice error={error} messageKey={messageKey} />
        <div className="form-actions">
          <PendingButton type="submit" className="btn btn-secondary" pending={pending}>
            {t('security.totp.disable')}
          </PendingButton>
        </div>
      </Form>
    </section>
  );
}

/** The owner's switch: two-step sign-in for every account. */
function RequireForEveryone({ state, onChange }: { state: SecurityStateDto; onChange: (s: SecurityStateDto) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const set = async (required: boolean) => {
    setError(null);
    setSaved(false);
    const res = await api.setRequireSecondFactor(required);
    if (!res.ok) return setError(res.error);
    onChange(res.data);
    setSaved(true);
  };
  return (
    <section className="section" aria-labelledby="require-heading">
      <h2 id="require-heading">{t('security.require.heading')}</h2>
      <Checkbox className="checkbox" isSelected={state.requireSecondFactor} onChange={(v) => void set(v)}>
        <span className="checkbox-box" aria-hidden="true" />
        {t('security.require.label')}
      </Checkbox>
      <p className="field-description">{t('security.require.hint')}</p>
      <ErrorNotice error={error} />
      <StatusLine>{saved ? t('security.require.saved') : ''}</StatusLine>
    </section>
  );
}

/** Sign-in security: two-step sign-in, the practice's rule (owner), the sign-in limits, links to devices and log. */
export function SecurityPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('security.title'), t('app.name'));
  const query = useQuery('security', (signal) => api.security({ signal }));
  const [override, setOverride] = useState<SecurityStateDto | null>(null);
  const [status, setStatus] = useState('');
  const state = override ?? query.data;
  const update = (s: SecurityStateDto, message: string) => {
    setOverride(s);
    setStatus(message);
  };
  return (
    <TherapistShell width="narrow">
      <div className="card">
        <h1>{t('security.title')}</h1>
        <p className="lead">{t('security.intro')}</p>
        {query.loading && !state ? <Loading /> : null}
        <ErrorNotice error={query.error} onRetry={query.reload} />
        {state ? (
          <>
            <section className="section" aria-labelledby="totp-heading">
              <h2 id="totp-heading">{t('security.totp.heading')}</h2>
              <StatusLine>{status}</StatusLine>
              {state.totpEnabled ? (
                <>
                  <p data-testid="totp-state">{t('security.totp.on')}</p>
                  <p className="muted">{t('security.totp.codesLeft', { count: state.recoveryCodesLeft })}</p>
                  {state.requireSecondFactor ? (
                    <p className="muted">{t('security.totp.requiredNote')}</p>
                  ) : (
                    <DisableTotp onDisabled={(s) => update(s, t('security.totp.disabled'))} />
                  )}
                </>
              ) : (
                <>
                  <TotpSetup
                    onEnrolled={() =>
                      update({ ...state, totpEnabled: true, recoveryCodesLeft: 10 }, t('security.totp.enabled'))
                    }
                  />
                </>
              )}
            </section>
            {state.isOwner ? <RequireForEveryone state={state} onChange={(s) => setOverride(s)} /> : null}
            <section className="section" aria-labelledby="limits-heading">
              <h2 id="limits-heading">{t('security.links')}</h2>
              <p className="muted">{t('security.limits', { idle: state.idleMinutes, hours: state.lifetimeHours })}</p>
              <ul className="link-list">
                <li>
                  <Link to="/account/devices">{t('security.devices.nav')}</Link>
                </li>
                {state.isOwner ? (
                  <li>
                    <Link to="/audit">{t('security.audit.nav')}</Link>
                  </li>
                ) : null}
              </ul>
            </section>
          </>
        ) : null}
      </div>
    </TherapistShell>
  );
}
