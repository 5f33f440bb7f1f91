/**
 * On the couple's page: each partner's data export (a .zip with JSON and a PDF, with progress and failure shown)
 * and deletion, and deleting the whole couple. The couple's clinician or the practice's owner; the server decides.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorCode, type CoupleDto } from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { ErrorNotice, StatusLine } from '../../components/feedback';
import type { AppError } from '../../lib/api';
import { clientDataApi } from './clientDataApi';
import { ConfirmByName } from './ConfirmByName';
import '../../styles/clientData.css';

export function ClientDataPanel({ couple }: { couple: CoupleDto }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [pending, setPending] = useState<string | null>(null);
  const [failed, setFailed] = useState<{ partnerId: string; error: AppError } | null>(null);
  const [note, setNote] = useState('');

  const exportOne = async (partnerId: string, name: string) => {
    setPending(partnerId);
    setFailed(null);
    setNote(t('clientData.exporting', { name }));
    const res = await clientDataApi.exportPartner(couple.id, partnerId);
    setPending(null);
    if (res.ok) setNote(t('clientData.exported', { name }));
    else {
      setNote('');
      setFailed({ partnerId, error: res.error });
    }
  };

  return (
    <section aria-labelledby="client-data-heading" className="section card" data-testid="client-data">
      <h2 id="client-data-heading">{t('clientData.heading')}</h2>
      <p className="muted">{t('clientData.intro')}</p>
      <StatusLine>{note}</StatusLine>
      <ul className="client-data-list">
        {couple.partners.map((p) => (
          <li key={p.id} className="client-data-row" data-partner={p.displayName}>
            <PendingButton
              className="btn btn-secondary btn-small"
              pending={pending === p.id}
              onPress={() => void exportOne(p.id, p.displayName)}
            >
              {pending === p.id
                ? t('clientData.exporting', { name: p.displayName })
                : t('clientData.export', { name: p.displayName })}
            </PendingButton>
            <ConfirmByName
              name={p.displayName}
              triggerLabel={t('clientData.deletePartner', { name: p.displayName })}
              title={t('clientData.deletePartnerTitle', { name: p.displayName })}
              body={t('clientData.deletePartnerBody', { name: p.displayName })}
              confirmLabel={t('clientData.deletePartnerConfirm', { name: p.displayName })}
              onConfirm={async (typed) => {
                const res = await clientDataApi.erasePartner(couple.id, p.id, typed);
                if (!res.ok) return res.error;
                setNote(t('clientData.deletedPartner', { name: p.displayName }));
                return null;
              }}
            />
            {failed?.partnerId === p.id ? (
              <ErrorNotice
                error={failed.error}
                messageKey={failed.error.code !== ErrorCode.RATE_LIMITED ? 'clientData.exportFailed' : undefined}
                onRetry={() => void exportOne(p.id, p.displayName)}
              />
            ) : null}
          </li>
        ))}
      </ul>
      <ConfirmByName
        name={couple.name}
        triggerLabel={t('clientData.deleteCouple')}
        title={t('clientData.deleteCoupleTitle', { name: couple.name })}
        body={t('clientData.deleteCoupleBody')}
        confirmLabel={t('clientData.deleteCoupleConfirm')}
        onConfirm={async (typed) => {
          const res = await clientDataApi.eraseCouple(couple.id, typed);
          if (!res.ok) return res.error;
          void navigate('/', { replace: true });
          return null;
        }}
      />
    </section>
  );
}
