import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { InstrumentSummaryDto, SessionOccasion } from '@tandem/shared';
import { ErrorNotice } from '../../components/feedback';
import { SelectField } from '../../components/fields';
import { api, type AppError } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { useSessionSocket } from '../session/useSessionSocket';
import { MeasuresTable } from './MeasuresTable';
import { useMeasures } from './MeasuresProvider';
import { instrumentOf, localized } from './measureText';
import './measures.css';

/** The practice's imported instruments the partners answer at this occasion, each at its latest version. */
function choicesFor(list: InstrumentSummaryDto[], occasion: SessionOccasion): InstrumentSummaryDto[] {
  const latest = new Map<string, InstrumentSummaryDto>();
  for (const i of list) {
    if (i.builtin || i.respondent !== 'partner' || !i.occasions.includes(occasion)) continue;
    const seen = latest.get(i.id);
    if (!seen || seen.version < i.version) latest.set(i.id, i);
  }
  return [...latest.values()];
}

/**
 * The therapist's check-in and check-out: open or close either at any time, both partners' answers side by side.
 * Where the practice imported an instrument for the occasion, the therapist picks which questions it opens with.
 */
export function TherapistMeasures() {
  const { t, i18n } = useTranslation();
  const { snapshot, emitWithAck } = useSessionSocket();
  const { view } = useMeasures();
  const imported = useQuery('instruments', (signal) => api.instruments({ signal }));
  const [chosen, setChosen] = useState<Partial<Record<SessionOccasion, string>>>({});
  const [error, setError] = useState<AppError | null>(null);
  const [pending, setPending] = useState<SessionOccasion | null>(null);
  if (!view || !snapshot) return null;
  const partners = [...snapshot.partners].sort((a, b) => a.slot.localeCompare(b.slot));

  /** Opens (with the chosen questions, else the occasion's current ones) or closes an occasion. */
  const toggle = async (occasion: SessionOccasion, open: boolean, instrumentId = chosen[occasion]) => {
    setPending(occasion);
    setError(null);
    const res = await emitWithAck(
      open ? 'measures:open' : 'measures:close',
      open && instrumentId ? { occasion, instrumentId } : { occasion },
    );
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
        const choices = choicesFor(imported.data ?? [], o.occasion);
        const builtin = (imported.data ?? []).find((i) => i.builtin && i.occasions.includes(o.occasion));
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
            {choices.length > 0 && builtin && answered === 0 ? (
              <SelectField
                label={t('measures.instrumentChoice')}
                value={chosen[o.occasion] ?? o.instrumentId}
                isDisabled={pending === o.occasion}
                onChange={(id) => {
                  setChosen((c) => ({ ...c, [o.occasion]: id }));
                  // Open and unanswered: the partners' cards switch to the new questions at once.
                  if (open) void toggle(o.occasion, true, id);
                }}
                options={[builtin, ...choices].map((i) => ({ id: i.id, label: localized(i.name, i18n.language) }))}
              />
            ) : null}
            {o.status !== 'pending' || answered > 0 ? (
              <MeasuresTable instrument={instrument} partners={partners} responses={view.responses} />
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
