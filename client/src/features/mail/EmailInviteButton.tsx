import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedInviteDto } from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { api, type AppError } from '../../lib/api';
import { errorKey } from '../../lib/errors';
import { useMail } from './MailContext';
import './mail.css';

type SendState = { kind: 'sent' } | { kind: 'failed'; error: AppError } | null;

/**
 * "Send by e-mail" beside a link just shown: the browser hands the link's token back, the server checks it is the
 * partner's current link and mails it. Shown only when the server sends e-mail and the partner has an address.
 */
export function EmailInviteButton({
  sessionId,
  invite,
  partnerName,
}: {
  sessionId: string;
  invite: IssuedInviteDto;
  partnerName: string;
}) {
  const { t } = useTranslation();
  const mail = useMail();
  const [pending, setPending] = useState(false);
  const [state, setState] = useState<SendState>(null);
  const email = mail.emailOf(invite.partnerId);
  if (!mail.enabled) return null;
  if (!email) return <p className="field-description">{t('mail.noAddress', { name: partnerName })}</p>;

  const send = async () => {
    setPending(true);
    setState(null);
    const token = invite.url.split('#')[1] ?? '';
    const result = await api.emailInvite(sessionId, invite.partnerId, token);
    setPending(false);
    setState(result.ok ? { kind: 'sent' } : { kind: 'failed', error: result.error });
    mail.reload();
  };

  return (
    <div className="invite-link-actions mail-send" data-mail-state={state?.kind ?? 'idle'}>
      <PendingButton className="btn btn-secondary btn-small" pending={pending} onPress={() => void send()}>
        {state?.kind === 'failed'
          ? t('mail.retryFor', { name: partnerName })
          : t('mail.sendFor', { name: partnerName })}
      </PendingButton>
      <span role="status" className={state?.kind === 'failed' ? 'copy-status copy-status-warn' : 'copy-status'}>
        {state?.kind === 'sent' ? t('mail.sentTo', { email }) : null}
        {state?.kind === 'failed'
          ? state.error.code === 'MAIL_FAILED'
            ? t('mail.failed')
            : t(errorKey(state.error.code))
          : null}
      </span>
    </div>
  );
}
