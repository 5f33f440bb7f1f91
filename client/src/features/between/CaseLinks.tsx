import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseLinkDto, CoupleDto, IssuedCaseLinkDto } from '@tandem/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PendingButton } from '../../components/PendingButton';
import { ErrorNotice, Loading, StatusLine } from '../../components/feedback';
import { api, type AppError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useQuery } from '../../lib/useQuery';
import { InviteLinkField } from '../sessions/InviteLinkField';
import '../../styles/between.css';

/** On the couple's page: each partner's personal link between sessions, to create (again), copy or revoke. */
export function CaseLinks({ couple }: { couple: CoupleDto }) {
  const { t, i18n } = useTranslation();
  const links = useQuery(`case-links:${couple.id}`, (signal) => api.caseLinks(couple.id, { signal }));
  const [issued, setIssued] = useState<IssuedCaseLinkDto | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [note, setNote] = useState('');

  const issue = async (partnerId: string, name: string) => {
    setPending(partnerId);
    setError(null);
    const res = await api.issueCaseLink(couple.id, partnerId);
    setPending(null);
    if (!res.ok) return setError(res.error);
    setIssued(res.data);
    setNote(t('caseLinks.issuedNote', { name }));
    links.reload();
  };

  const stateText = (l: CaseLinkDto) => {
    if (l.state === 'active') {
      return t('caseLinks.active', { count: l.devices, date: formatDateTime(l.issuedAt, i18n.language) });
    }
    if (l.state === 'revoked') return t('caseLinks.revoked', { date: formatDateTime(l.revokedAt, i18n.language) });
    return t('caseLinks.none');
  };

  return (
    <section aria-labelledby="case-links-heading" className="section card" data-section="case-links">
      <h2 id="case-links-heading">{t('caseLinks.heading')}</h2>
      <p className="muted">{t('caseLinks.lead')}</p>
      {links.loading ? <Loading /> : null}
      <ErrorNotice error={links.error ?? error} onRetry={links.error ? links.reload : undefined} />
      <StatusLine>{note}</StatusLine>
      <ul className="case-links">
        {couple.partners.map((p) => {
          const link = links.data?.find((l) => l.partnerId === p.id);
          return (
            <li key={p.id} data-partner={p.slot}>
              <div className="case-link-row">
                <strong>{p.displayName}</strong>
                <span className="muted">{link ? stateText(link) : ''}</span>
                <div className="case-link-actions">
                  <PendingButton
                    className="btn btn-secondary btn-small"
                    pending={pending === p.id}
                    isDisabled={couple.archived || !link}
                    onPress={() => void issue(p.id, p.displayName)}
                  >
                    {link?.state === 'active'
                      ? t('caseLinks.reissue', { name: p.displayName })
                      : t('caseLinks.issue', { name: p.displayName })}
                  </PendingButton>
                  {link?.state === 'active' ? (
                    <ConfirmDialog
                      triggerLabel={t('caseLinks.revokeLabel', { name: p.displayName })}
                      triggerClassName="btn btn-quiet btn-small"
                      title={t('caseLinks.revokeTitle', { name: p.displayName })}
                      body={t('caseLinks.revokeBody')}
                      confirmLabel={t('caseLinks.revoke')}
                      onConfirm={async () => {
                        const res = await api.revokeCaseLink(couple.id, p.id);
                        if (!res.ok) return res.error;
                        links.setData(res.data);
                        if (issued?.partnerId === p.id) setIssued(null);
                        setNote(t('caseLinks.revokedNote', { name: p.displayName }));
                        return null;
                      }}
                    />
                  ) : null}
                </div>
              </div>
              {issued?.partnerId === p.id ? (
                <InviteLinkField
                  invite={{ ...issued, expiresAt: '' }}
                  partnerName={p.displayName}
                  label={t('caseLinks.linkFor', { name: p.displayName })}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
