import { useTranslation } from 'react-i18next';
import type { DraftCardView, DraftsState, PartnerDrafts, SessionPartner } from '@tandem/shared';
import { PendingButton } from '../../components/PendingButton';

export type Reveal = (partnerId: string, cardIds: string[], key: string) => void;

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

/** Both partners' drafts in an open round, side by side (TherapistDrafting loads it when a round opens). */
export function DraftingPartners({
  partners,
  state,
  busy,
  reveal,
}: {
  partners: readonly SessionPartner[];
  state: DraftsState;
  busy: string | null;
  reveal: Reveal;
}) {
  return (
    <div className="drafting-partners">
      {partners.map((p) => (
        <PartnerColumn
          key={p.id}
          partner={p}
          drafts={state.partners.find((d) => d.partnerId === p.id)}
          busy={busy}
          reveal={reveal}
        />
      ))}
    </div>
  );
}
