/** The couple's page: the words of each partner's stop-signal button, agreed with that partner alone. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STOP_LABEL_MAX, type CoupleDto, type PartnerDto } from '@tandem/shared';
import { api, type AppError } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { ErrorNotice, Loading, StatusLine } from '../../components/feedback';
import { TextInputField } from '../../components/fields';
import { PendingButton } from '../../components/PendingButton';
import './safety.css';

function LabelForm({ coupleId, partner, saved }: { coupleId: string; partner: PartnerDto; saved: string | null }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(saved ?? '');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [note, setNote] = useState('');
  return (
    <form
      className="stop-label-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        setNote('');
        const res = await api.setStopLabel(coupleId, partner.id, value.trim() === '' ? null : value);
        setPending(false);
        setError(res.ok ? null : res.error);
        if (res.ok) {
          setValue(res.data.label ?? '');
          setNote(t('safety.labels.saved'));
        }
      }}
    >
      <TextInputField
        label={t('safety.labels.label', { name: partner.displayName })}
        description={t('safety.labels.hint', { fallback: t('safety.control.defaultLabel') })}
        value={value}
        onChange={(v) => {
          setValue(v);
          setNote('');
        }}
        maxLength={STOP_LABEL_MAX}
      />
      <div className="stop-label-actions">
        <PendingButton className="btn btn-secondary btn-small" pending={pending} type="submit">
          {t('safety.labels.save')}
        </PendingButton>
        <StatusLine>{note}</StatusLine>
      </div>
      <ErrorNotice error={error} />
    </form>
  );
}

export function StopLabels({ couple }: { couple: CoupleDto }) {
  const { t } = useTranslation();
  const labels = useQuery(`stop-labels:${couple.id}`, (signal) => api.stopLabels(couple.id, { signal }));
  return (
    <section aria-labelledby="stop-labels-heading" className="section card">
      <h2 id="stop-labels-heading">{t('safety.labels.heading')}</h2>
      <p className="muted">{t('safety.labels.intro')}</p>
      {labels.loading ? <Loading /> : null}
      <ErrorNotice error={labels.error} onRetry={labels.reload} />
      {labels.data
        ? couple.partners.map((p) => (
            <LabelForm
              key={p.id}
              coupleId={couple.id}
              partner={p}
              saved={labels.data?.find((l) => l.partnerId === p.id)?.label ?? null}
            />
          ))
        : null}
    </section>
  );
}
