import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PendingButton } from '../../components/PendingButton';
import { sessionClosed, type InviteStatusDto, type IssuedInviteDto, type SessionDto } from '@tandem/shared';
import { api } from '../../lib/api';
import type { AppError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { ErrorNotice } from '../../components/feedback';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { InviteLinkField } from './InviteLinkField';
import { INVITE_STATE_KEYS } from './labels';
import { EmailInviteButton } from '../mail/EmailInviteButton';
import { MailStates } from '../mail/MailStates';

interface InviteRowProps {
  session: SessionDto;
  partnerId: string;
  partnerName: string;
  invite: InviteStatusDto;
  issued: IssuedInviteDto | undefined;
  onReissued: (sessionId: string, invite: IssuedInviteDto) => void;
  /** After a revoke: the session as the server now has it, and whose link was revoked. */
  onSessionChanged: (session: SessionDto, revokedPartnerId?: string) => void;
}

/** One partner's invite for one session: its state, and re-issue / revoke. */
export function InviteRow({
  session,
  partnerId,
  partnerName,
  invite,
  issued,
  onReissued,
  onSessionChanged,
}: InviteRowProps) {
  const { t, i18n } = useTranslation();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const canManage = !sessionClosed(session.status);
  const state = issued ? 'active' : invite.state;

  const reissue = async () => {
    setPending(true);
    setError(null);
    const result = await api.reissueInvite(session.id, partnerId);
    setPending(false);
    if (result.ok) onReissued(session.id, result.data);
    else setError(result.error);
  };

  const revoke = async (): Promise<AppError | null> => {
    const result = await api.revokeInvite(session.id, partnerId);
    if (!result.ok) return result.error;
    onSessionChanged(result.data, partnerId);
    return null;
  };

  const when = (iso: string | null) => formatDateTime(iso, i18n.language);
  let detail: string | null = null;
  if (!issued && state === 'active' && when(invite.expiresAt))
    detail = t('invites.expiresAt', { date: when(invite.expiresAt) });
  if (state === 'redeemed' && when(invite.redeemedAt))
    detail = t('invites.redeemedAt', { date: when(invite.redeemedAt) });
  if (state === 'expired' && when(invite.expiresAt)) detail = t('invites.expiredAt', { date: when(invite.expiresAt) });

  return (
    <li className="invite-row" data-partner={partnerName} data-invite-state={state}>
      <div className="invite-summary">
        <span className="invite-partner">{partnerName}</span>
        <span className={`badge badge-invite-${state}`}>{t(INVITE_STATE_KEYS[state])}</span>
        {detail ? <span className="muted">{detail}</span> : null}
      </div>
      {canManage ? (
        <div className="invite-actions">
          <PendingButton className="btn btn-secondary btn-small" pending={pending} onPress={() => void reissue()}>
            {t('invites.reissueFor', { name: partnerName })}
          </PendingButton>
          {state === 'active' ? (
            <ConfirmDialog
              triggerLabel={t('invites.revokeFor', { name: partnerName })}
              triggerClassName="btn btn-quiet btn-small"
              title={t('invites.revokeTitle', { name: partnerName })}
              body={t('invites.revokeBody')}
              confirmLabel={t('invites.revokeConfirm')}
              onConfirm={revoke}
            />
          ) : null}
        </div>
      ) : null}
      <MailStates sessionId={session.id} partnerId={partnerId} />
      <ErrorNotice error={error} />
      {issued && canManage ? (
        <>
          <InviteLinkField invite={issued} partnerName={partnerName} />
          <EmailInviteButton sessionId={session.id} invite={issued} partnerName={partnerName} />
        </>
      ) : null}
    </li>
  );
}
