import { Suspense, lazy, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reveal } from './DraftingPartners';
import type { AppError } from '../../lib/api';
import { ErrorNotice, Loading } from '../../components/feedback';
import { PendingButton } from '../../components/PendingButton';
import { useSessionSocket } from '../session/useSessionSocket';
import { useDrafts } from './useDrafts';
import './drafts.css';

// The partners' drafts load when the therapist opens a round.
const DraftingPartners = lazy(async () => ({ default: (await import('./DraftingPartners')).DraftingPartners }));

/** The therapist's drafting view: open or close a round, see both partners' drafts live, ask to reveal. */
export function TherapistDrafting() {
  const { t } = useTranslation();
  const { snapshot, emitWithAck } = useSessionSocket();
  const { state, setState } = useDrafts();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  if (snapshot?.kind !== 'joint') return null;

  const act = async (key: string, send: () => ReturnType<typeof emitWithAck<'drafts:open'>>) => {
    setBusy(key);
    const res = await send();
    setBusy(null);
    if (res.ok) {
      setState(res.data);
      setError(null);
    } else setError(res.error);
  };
  const reveal: Reveal = (partnerId, cardIds, key) =>
    void act(key, () => emitWithAck('drafts:reveal', { partnerId, cardIds }));

  return (
    <section
      className="panel-section drafting"
      aria-labelledby="therapist-drafting-heading"
      data-testid="therapist-drafting"
    >
      <div className="drafting-head">
        <h3 id="therapist-drafting-heading">{t('drafts.therapist.heading')}</h3>
        {state.round ? (
          <PendingButton
            className="btn btn-small btn-secondary"
            pending={busy === 'close'}
            onPress={() => void act('close', () => emitWithAck('drafts:close', {}))}
          >
            {t('drafts.therapist.close')}
          </PendingButton>
        ) : (
          <PendingButton
            className="btn btn-small btn-primary"
            pending={busy === 'open'}
            onPress={() => void act('open', () => emitWithAck('drafts:open', {}))}
          >
            {t('drafts.therapist.open')}
          </PendingButton>
        )}
      </div>
      <ErrorNotice error={error} />
      {state.round ? (
        <Suspense fallback={<Loading />}>
          <DraftingPartners partners={snapshot.partners} state={state} busy={busy} reveal={reveal} />
        </Suspense>
      ) : (
        <p className="muted drafting-note">{t('drafts.therapist.intro')}</p>
      )}
    </section>
  );
}
