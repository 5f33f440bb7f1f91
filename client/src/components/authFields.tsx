/** The email and password fields the sign-in and first-run forms share. */
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN, newPassword, requiredPassword, validEmail } from '../lib/validation';
import { TextInputField } from './fields';

interface AuthFieldProps {
  value: string;
  onChange: (value: string) => void;
}

export function EmailField({ value, onChange, autoComplete }: AuthFieldProps & { autoComplete: 'username' | 'email' }) {
  const { t } = useTranslation();
  return (
    <TextInputField
      label={t('auth.email')}
      name="email"
      type="email"
      autoComplete={autoComplete}
      isRequired
      value={value}
      onChange={onChange}
      validate={(v) => {
        const key = validEmail(v);
        return key ? t(key) : null;
      }}
    />
  );
}

/** `current`: signing in (any non-empty password); `new`: choosing one (length rules, with a hint). */
export function PasswordField({ value, onChange, purpose }: AuthFieldProps & { purpose: 'current' | 'new' }) {
  const { t } = useTranslation();
  const check = purpose === 'new' ? newPassword : requiredPassword;
  return (
    <TextInputField
      label={t('auth.password')}
      name="password"
      type="password"
      autoComplete={purpose === 'new' ? 'new-password' : 'current-password'}
      isRequired
      value={value}
      onChange={onChange}
      {...(purpose === 'new' ? { description: t('setup.passwordHint', { min: PASSWORD_MIN }) } : {})}
      validate={(v) => {
        const key = check(v);
        return key ? t(key, { min: PASSWORD_MIN }) : null;
      }}
    />
  );
}
