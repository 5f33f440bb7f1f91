/**
 * Choosing a password: the field plus a strength hint while typing. The hint runs the same check as the server
 * (`@tandem/shared/password`, loaded only on the pages that need it); the server's verdict is the one that counts.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordVerdict } from '@tandem/shared';
import { TextInputField } from '../../components/fields';

type Check = (password: string, personal: readonly string[]) => PasswordVerdict;

let loading: Promise<Check> | undefined;
function loadCheck(): Promise<Check> {
  loading ??= import('@tandem/shared/password').then((m) => m.checkPassword);
  return loading;
}

/** Waits this long after the last keystroke before judging (the check takes a few tens of milliseconds). */
const SETTLE_MS = 250;

function usePasswordVerdict(password: string, personal: readonly string[]): PasswordVerdict | null {
  const [judged, setJudged] = useState<{ password: string; verdict: PasswordVerdict } | null>(null);
  const personalKey = personal.join('\n');
  useEffect(() => {
    if (!password) return;
    let live = true;
    const timer = setTimeout(() => {
      void loadCheck().then((check) => {
        if (live) setJudged({ password, verdict: check(password, personalKey.split('\n')) });
      });
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [password, personalKey]);
  // The last verdict stays on screen while the next one settles; an emptied field shows none.
  return password && judged ? judged.verdict : null;
}

/** The translated reason for a verdict that is not acceptable. */
export function usePasswordReason(verdict: PasswordVerdict | null): string | null {
  const { t } = useTranslation();
  if (!verdict?.reason) return null;
  return t(`passwordStrength.reasons.${verdict.reason}`, { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
}

interface NewPasswordFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The person's name and email: a password made of them is refused. */
  personal: readonly string[];
  name?: string;
}

/** A new-password field with a polite, debounced strength hint (a bar for the eye, one sentence for everyone). */
export function NewPasswordField({ label, value, onChange, personal, name = 'password' }: NewPasswordFieldProps) {
  const { t } = useTranslation();
  const hintId = useId();
  const verdict = usePasswordVerdict(value, personal);
  const reason = usePasswordReason(verdict);
  const level = verdict ? t(`passwordStrength.score${verdict.score}`) : null;
  return (
    <div className="new-password">
      <TextInputField
        label={label}
        name={name}
        type="password"
        autoComplete="new-password"
        isRequired
        value={value}
        onChange={onChange}
        aria-describedby={hintId}
        description={t('passwordStrength.tip')}
        validate={(v) => {
          if (v.length < PASSWORD_MIN_LENGTH) return t('validation.passwordLength', { min: PASSWORD_MIN_LENGTH });
          if (v.length > PASSWORD_MAX_LENGTH) return t('validation.tooLong');
          return null;
        }}
      />
      <div className="password-strength" data-score={verdict?.score ?? ''} data-acceptable={verdict?.acceptable}>
        <span className="password-strength-bar" aria-hidden="true">
          <span style={{ width: `${verdict ? (verdict.score + 1) * 20 : 0}%` }} />
        </span>
        <p id={hintId} role="status" className="password-strength-text">
          {level ? `${t('passwordStrength.summary', { label: t('passwordStrength.label'), level })} ` : ''}
          {reason ?? ''}
        </p>
      </div>
    </div>
  );
}
