import { useRef, useState } from 'react';
import { Button, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { IssuedInviteDto } from '@tandem/shared';
import { formatDateTime } from '../../lib/format';

type CopyState = { url: string; ok: boolean } | null;

/** A freshly issued invite link (shown once), read-only, with a copy button and a live confirmation. */
export function InviteLinkField({
  invite,
  partnerName,
  label,
}: {
  invite: IssuedInviteDto;
  partnerName: string;
  /** The field's label (default: the session invite's). */
  label?: string;
}) {
  const { t, i18n } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>(null);
  const copied = copy?.url === invite.url ? copy : null;

  const copyLink = async () => {
    try {
      if (!navigator.clipboard) throw new Error('Clipboard unavailable');
      await navigator.clipboard.writeText(invite.url);
      setCopy({ url: invite.url, ok: true });
    } catch {
      inputRef.current?.focus();
      inputRef.current?.select();
      setCopy({ url: invite.url, ok: false });
    }
  };

  const expires = formatDateTime(invite.expiresAt, i18n.language);
  return (
    <div className="invite-link" data-partner={partnerName}>
      <TextField className="field" value={invite.url} isReadOnly>
        <Label className="field-label">{label ?? t('invites.linkFor', { name: partnerName })}</Label>
        <Input ref={inputRef} className="input input-mono" onFocus={(e) => e.currentTarget.select()} />
        {expires ? (
          <Text slot="description" className="field-description">
            {t('invites.expiresAt', { date: expires })}
          </Text>
        ) : null}
      </TextField>
      <div className="invite-link-actions">
        <Button className="btn btn-primary btn-small" onPress={() => void copyLink()}>
          {t('invites.copyFor', { name: partnerName })}
        </Button>
        <span role="status" className={copied && !copied.ok ? 'copy-status copy-status-warn' : 'copy-status'}>
          {copied ? (copied.ok ? t('invites.copied') : t('invites.copyFailed')) : ''}
        </span>
      </div>
    </div>
  );
}
