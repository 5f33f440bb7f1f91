import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftCardView, PartnerDrafts, SessionPartner } from '@tandem/shared';
import type { AppError } from '../../lib/api';
import { ErrorNotice } from '../../components/feedback';
import { PendingButton } from '../../components/PendingButton';
import { useSessionSocket } from '../session/useSessionSocket';
import { useDrafts } from './useDrafts';
import './drafts.css';

type Reveal = (partnerId: string, cardIds: string[], key: string) => void;

function PartnerColumn(props: {
  partner: SessionPartner;
  drafts: PartnerDrafts | undefined;
  busy: string | null;
  reveal: Reveal;
}) {
  const { partner, drafts, busy, reveal } = props;
  const { t } = useTranslation();
  const cards = drafts?.cards ?? [];
  const waiting = new Set(drafts?.pending?.cardIds ?? []);
  const hidden = cards.filter((c) => c.revealedAt === null);
  const status = (c: DraftCardView) =>
    c.revealedAt ? t('drafts.status.revealed') : waiting.has(c.id) ? t('drafts.status.asked') : null;
  return (
    <section className="drafting-partner" aria-labelledby={`drafts-of-${partner.id}`}>
      <div className="drafting-head">
        <h4 id={`drafts-of-${partner.id}`}>{t('drafts.therapist.of', { name: partner.name })}</h4>
        {hidden.length > 1 && hidden.some((c) => !waiting.has(c.id)) ? (
          <PendingButton
            className="btn btn-small btn-secondary"
            pending={busy === `all:${partner.id}`}
            onPress={() =>
              reveal(
                partner.id,
                hidden.map((c) => c.id),
                `all:${partner.id}`,
              )
            }
          >
            {t('drafts.therapist.revealAll')}
            <span className="visually-hidden"> ({partner.name})</span>
          </PendingButton>
        ) : null}
      </div>
      {cards.length ? (
        <ul className="draft-list">
          {cards.map((c) => (
            <li key={c.id} className="draft-item" data-revealed={c.revealedAt ? 'true' : undefined}>
              <span className="draft-kind">{t(`drafts.kinds.${c.kind}`)}</span>
              <span className="draft-text">{c.text}</span>
              <span className="draft-actions">
                {status(c) ? <span className="draft-status">{status(c)}</span> : null}
                {c.revealedAt || waiting.has(c.id) ? null : (
                  <PendingButton
                    className="btn btn-small btn-secondary"
                    pending={busy === c.id}
                    onPress={() => reveal(partner.id, [c.id], c.id)}
                  >
                    {t('drafts.therapist.reveal')}
                    <span className="visually-hidden">: {c.text}</span>
                  </PendingButton>
                )}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('drafts.therapist.none')}</p>
      )}
      <p className="muted" role="status">
        {drafts?.pending
          ? t('drafts.therapist.waiting', { name: partner.name })
          : drafts?.last
            ? t(`drafts.therapist.outcome.${drafts.last.outcome}`, { name: partner.name })
            : ''}
      </p>
    </section>
  );
}

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
        <div className="drafting-partners">
          {snapshot.partners.map((p) => (
            <PartnerColumn
              key={p.id}
              partner={p}
              drafts={state.partners.find((d) => d.partnerId === p.id)}
              busy={busy}
              reveal={reveal}
            />
          ))}
        </div>
      ) : (
        <p className="muted drafting-note">{t('drafts.therapist.intro')}</p>
      )}
    </section>
  );
}
