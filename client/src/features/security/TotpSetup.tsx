import { useState } from 'react';
import type { FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { TotpEnrolmentDto } from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { ErrorNotice } from '../../components/feedback';
import { TextInputField } from '../../components/fields';
import { api } from '../../lib/api';
import type { AppError } from '../../lib/api';
import { useFocusOnMount } from '../../lib/useFocusOnMount';

/** The setup key in groups of four, as authenticator apps print it (spaces are ignored when typed). */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** The recovery codes, shown once after enrolment; `onDone` when the person says they saved them. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="totp-recovery">
      <h3 ref={ref} tabIndex={-1}>
        {t('security.totp.recoveryHeading')}
      </h3>
      <p>{t('security.totp.recoveryIntro')}</p>
      <ul className="recovery-codes" aria-label={t('security.totp.recoveryListLabel')} data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <PendingButton className="btn btn-primary" pending={false} onPress={onDone}>
          {t('security.totp.recoveryDone')}
        </PendingButton>
      </div>
    </div>
  );
}

/**
 * Enrolling an authenticator app: a QR code (an SVG image) and the key as text, then a code to confirm, then the
 * recovery codes. `onEnrolled` runs once the person has seen the recovery codes.
 */
export function TotpSetup({ onEnrolled }: { onEnrolled: () => void }) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<TotpEnrolmentDto | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const start = async () => {
    setPending(true);
    setError(null);
    const res = await api.startTotp();
    setPending(false);
    if (res.ok) setEnrolment(res.data);
    else setError(res.error);
  };
  const confirm = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const res = await api.confirmTotp(code);
    setPending(false);
    if (res.ok) setCodes(res.data.recoveryCodes);
    else setError(res.error);
  };

  if (codes) return <RecoveryCodes codes={codes} onDone={onEnrolled} />;
  if (!enrolment) {
    return (
      <>
        <p data-testid="totp-state">{t('security.totp.off')}</p>
        <ErrorNotice error={error} />
        <div className="form-actions">
          <PendingButton className="btn btn-primary" pending={pending} onPress={() => void start()}>
            {t('security.totp.start')}
          </PendingButton>
        </div>
      </>
    );
  }
  const messageKey =
    error?.code === 'INVALID_CREDENTIALS' || error?.code === 'BAD_REQUEST' ? 'security.totp.wrong' : undefined;
  return (
    <div className="totp-setup">
      <p>{t('security.totp.scan')}</p>
      <img
        className="totp-qr"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
        alt={t('security.totp.qrAlt')}
        width={200}
        height={200}
      />
      <p>{t('security.totp.manual')}</p>
      <p>
        <span className="visually-hidden">{t('security.totp.secretLabel')}: </span>
        <code className="totp-secret" data-testid="totp-secret" data-secret={enrolment.secret}>
          {grouped(enrolment.secret)}
        </code>
      </p>
      <Form className="form" onSubmit={(e) => void confirm(e)}>
        <p>{t('security.totp.confirmIntro')}</p>
        <TextInputField
          label={t('security.totp.codeLabel')}
          name="totpCode"
          inputMode="numeric"
          autoComplete="one-time-code"
          isRequired
          maxLength={12}
          value={code}
          onChange={(v) => {
            setCode(v);
            setError(null);
          }}
          validate={(v) => (/^\s*(\d\s*){6}$/.test(v) ? null : t('security.totp.wrong'))}
        />
        <ErrorNotice error={error} messageKey={messageKey} />
        <div className="form-actions">
          <PendingButton type="submit" className="btn btn-primary" pending={pending}>
            {t('security.totp.confirm')}
          </PendingButton>
        </div>
      </Form>
    </div>
  );
}
