/** The practice's retention rule (owner only) and the couples past it, which the daily check deletes. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RETENTION_MAX_YEARS } from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';
import { SelectField } from '../../components/fields';
import { ErrorNotice, Loading, StatusLine } from '../../components/feedback';
import type { AppError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useQuery } from '../../lib/useQuery';
import { clientDataApi } from './clientDataApi';

const CHOICES = [1, 2, 3, 5, 7, 10, 15, 20, 25, RETENTION_MAX_YEARS];

export function RetentionSettings() {
  const { t, i18n } = useTranslation();
  const state = useQuery('retention', (signal) => clientDataApi.retention({ signal }));
  const [choice, setChoice] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [note, setNote] = useState('');
  const current = choice ?? (state.data?.years == null ? 'keep' : String(state.data.years));
  const options = [
    { id: 'keep', label: t('retention.keep') },
    ...CHOICES.map((n) => ({ id: String(n), label: t('retention.years', { count: n }) })),
  ];

  const save = async () => {
    setPending(true);
    setError(null);
    setNote('');
    const res = await clientDataApi.setRetention(current === 'keep' ? null : Number(current));
    setPending(false);
    if (!res.ok) return setError(res.error);
    state.setData(res.data);
    setChoice(null);
    setNote(t('retention.saved'));
  };

  return (
    <section aria-labelledby="retention-heading" className="section" data-testid="retention">
      <h2 id="retention-heading">{t('retention.heading')}</h2>
      <p className="muted">{t('retention.intro')}</p>
      {state.loading ? <Loading /> : null}
      <ErrorNotice error={state.error} onRetry={state.reload} />
      {state.data ? (
        <>
          <div className="form">
            <SelectField label={t('retention.choice')} options={options} value={current} onChange={setChoice} />
            <div className="form-actions">
              <PendingButton className="btn btn-primary" pending={pending} onPress={() => void save()}>
                {t('retention.save')}
              </PendingButton>
            </div>
            <ErrorNotice error={error} />
            <StatusLine>{note}</StatusLine>
          </div>
          {state.data.years !== null ? (
            <>
              <h3>{t('retention.dueHeading')}</h3>
              {state.data.due.length === 0 ? <p className="empty">{t('retention.dueNone')}</p> : null}
              <ul className="due-list">
                {state.data.due.map((d) => (
                  <li key={d.coupleId}>
                    <strong>{d.name}</strong>
                    <span className="muted">
                      {t('retention.dueItem', {
                        last: formatDateTime(d.lastActivityAt, i18n.language),
                        due: formatDateTime(d.dueAt, i18n.language),
                      })}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {state.data.lastSweepAt ? (
            <p className="muted">
              {t('retention.lastSweep', { date: formatDateTime(state.data.lastSweepAt, i18n.language) })}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
