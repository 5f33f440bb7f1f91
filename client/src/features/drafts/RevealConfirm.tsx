import { useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { PartnerDrafts } from '@tandem/shared';
import type { AppError } from '../../lib/api';
import { ErrorNotice } from '../../components/feedback';
import { PendingButton } from '../../components/PendingButton';
import { formatList } from '../../lib/format';
import { useSessionSocket } from '../session/useSessionSocket';

/**
 * The therapist asks to show some of this partner's drafts on the shared map: this confirmation appears on this
 * partner's screen only (nobody else receives the request), and only their yes moves the cards.
 */
export function RevealConfirm({ mine, onAnswered }: { mine: PartnerDrafts; onAnswered: (d: PartnerDrafts) => void }) {
  const { t, i18n } = useTranslation();
  const { participants, snapshot, emitWithAck } = useSessionSocket();
  const [pending, setPending] = useState<'yes' | 'no' | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const request = mine.pending;
  if (!request) return null;
  const therapist = participants.find((p) => p.role === 'therapist')?.name ?? t('private.yourTherapist');
  const others = participants.filter((p) => p.id !== snapshot?.self.id).map((p) => p.name);
  const cards = request.cardIds.flatMap((id) => mine.cards.filter((c) => c.id === id));
  const answer = async (agree: boolean) => {
    setPending(agree ? 'yes' : 'no');
    const res = await emitWithAck('drafts:answer', { revealId: request.id, agree });
    setPending(null);
    if (res.ok) {
      setError(null);
      onAnswered(res.data);
    } else setError(res.error);
  };
  return (
    <ModalOverlay className="modal-overlay" isOpen isDismissable={false}>
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog" data-testid="reveal-confirm">
          <Heading slot="title" className="dialog-title">
            {t('drafts.confirm.title')}
          </Heading>
          <p className="dialog-body">
            {t('drafts.confirm.body', { therapist, names: formatList(others, i18n.language) })}
          </p>
          <ul className="draft-preview">
            {cards.map((c) => (
              <li key={c.id}>
                <span className="draft-kind">{t(`drafts.kinds.${c.kind}`)}</span>
                <span className="draft-text">{c.text}</span>
              </li>
            ))}
          </ul>
          <ErrorNotice error={error} />
          <div className="dialog-actions">
            <PendingButton className="btn btn-secondary" pending={pending === 'no'} onPress={() => void answer(false)}>
              {t('drafts.confirm.refuse')}
            </PendingButton>
            <PendingButton className="btn btn-primary" pending={pending === 'yes'} onPress={() => void answer(true)}>
              {t('drafts.confirm.agree')}
            </PendingButton>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
