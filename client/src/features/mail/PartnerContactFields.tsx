import { useTranslation } from 'react-i18next';
import { EMAIL_MAX, TIME_ZONE_MAX, isTimeZone } from '@tandem/shared';
import { TextInputField } from '../../components/fields';
import './mail.css';

/** The therapist's browser's zone: the default for a partner's e-mails until the therapist sets another. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A partner's e-mail address and time zone on the couple form (only when the server sends e-mail). */
export function PartnerContactFields({
  partnerLabel,
  email,
  timeZone,
  onChange,
}: {
  partnerLabel: string;
  email: string;
  timeZone: string;
  onChange: (patch: { email?: string; timeZone?: string }) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="mail-contact">
      <TextInputField
        label={t('mail.emailLabel', { name: partnerLabel })}
        description={t('mail.emailHint')}
        type="email"
        autoComplete="off"
        maxLength={EMAIL_MAX}
        value={email}
        onChange={(v) => onChange({ email: v })}
        validate={(v) => (v.trim() === '' || EMAIL_SHAPE.test(v.trim()) ? null : t('validation.email'))}
      />
      <TextInputField
        label={t('mail.timeZoneLabel', { name: partnerLabel })}
        description={t('mail.timeZoneHint', { zone: browserTimeZone() })}
        autoComplete="off"
        spellCheck="false"
        maxLength={TIME_ZONE_MAX}
        value={timeZone}
        onChange={(v) => onChange({ timeZone: v })}
        validate={(v) => (v.trim() === '' || isTimeZone(v.trim()) ? null : t('mail.timeZoneInvalid'))}
      />
    </div>
  );
}
