import { useTranslation } from 'react-i18next';
import type { MailKind, MailSendDto, MailState } from '@tandem/shared';
import { formatDateTime } from '../../lib/format';
import { useMail } from './MailContext';
import './mail.css';

const KIND_KEYS: Record<MailKind, string> = {
  invite: 'mail.kind.invite',
  reminder_24h: 'mail.kind.reminder_24h',
  reminder_1h: 'mail.kind.reminder_1h',
};
const STATE_KEYS: Record<MailState, string> = {
  pending: 'mail.state.pending',
  sent: 'mail.state.sent',
  failed: 'mail.state.failed',
  skipped: 'mail.state.skipped',
};

/** A session's e-mails to one partner (newest of each kind): "Reminder (1 h): failed, retrying at 14:05". */
export function MailStates({ sessionId, partnerId }: { sessionId: string; partnerId: string }) {
  const { t, i18n } = useTranslation();
  const mail = useMail();
  if (!mail.enabled) return null;
  const latest = new Map<MailKind, MailSendDto>();
  for (const s of mail.sendsOf(sessionId)) {
    if (s.partnerId === partnerId && s.state !== 'skipped' && !latest.has(s.kind)) latest.set(s.kind, s);
  }
  if (latest.size === 0) return null;
  return (
    <ul className="mail-states" aria-label={t('mail.statesLabel')}>
      {[...latest.values()].map((s) => (
        <li key={s.kind} data-mail-kind={s.kind} data-mail-state={s.state}>
          <span>{t(KIND_KEYS[s.kind])}</span>
          <span className={`badge badge-mail-${s.state}`}>{t(STATE_KEYS[s.state])}</span>
          {s.state === 'failed' && s.nextAttemptAt ? (
            <span className="muted">
              {' '}
              {t('mail.nextAttempt', { date: formatDateTime(s.nextAttemptAt, i18n.language) })}
            </span>
          ) : s.state === 'sent' ? (
            <span className="muted"> {formatDateTime(s.updatedAt, i18n.language)}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
