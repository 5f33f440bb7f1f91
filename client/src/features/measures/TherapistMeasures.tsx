import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { SessionOccasion } from '@tandem/shared';
import { ErrorNotice } from '../../components/feedback';
import type { AppError } from '../../lib/api';
import { useSessionSocket } from '../session/useSessionSocket';
import { MeasuresTable } from './MeasuresTable';
import { useMeasures } from './MeasuresProvider';
import { instrumentOf } from './measureText';
import './measures.css';

/** The therapist's check-in and check-out: open or close either at any time, both partners' answers side by side. */
export function TherapistMeasures() {
  const { t } = useTranslation();
  const { snapshot, emitWithAck } = useSessionSocket();
  const { view } = useMeasures();
  const [error, setError] = useState<AppError | null>(null);
  const [pending, setPending] = useState<SessionOccasion | null>(null);
  if (!view || !snapshot) return null;
  const partners = [...snapshot.partners].sort((a, b) => a.slot.localeCompare(b.slot));

  const toggle = async (occasion: SessionOccasion, open: boolean) => {
    setPending(occasion);
    setError(null);
    const res = await emitWithAck(open ? 'measures:open' : 'measures:close', { occasion });
    setPending(null);
    if (!res.ok) setError(res.error);
  };

  return (
    <section className="panel-section measures-panel" aria-labelledby="measures-heading">
      <h3 id="measures-heading">{t('measures.heading')}</h3>
      <ErrorNotice error={error} />
      {view.occasions.map((o) => {
        const instrument = instrumentOf(view.instruments, o.instrumentId, o.instrumentVersion);
        if (!instrument) return null;
        const open = o.status === 'open';
        const answered = view.responses.filter((r) => r.occasion === o.occasion).length;
        return (
          <div key={o.occasion} className="measures-occasion" data-occasion={o.occasion} data-status={o.status}>
            <div className="measures-occasion-head">
              <p className="measures-status">
                <strong>{t(`measures.occasion.${o.occasion}`)}</strong>{' '}
                <span className="muted">
                  {t(`measures.status.${o.status}`)}
                  {answered > 0 ? ` · ${t('measures.answeredCount', { count: answered })}` : ''}
                </span>
              </p>
              <Button
                className="btn btn-secondary btn-small"
                isDisabled={pending === o.occasion}
                onPress={() => void toggle(o.occasion, !open)}
              >
                {open ? t(`measures.close.${o.occasion}`) : t(`measures.open.${o.occasion}`)}
              </Button>
            </div>
            {o.status !== 'pending' || answered > 0 ? (
              <MeasuresTable instrument={instrument} partners={partners} responses={view.responses} />
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
