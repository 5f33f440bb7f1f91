import { useId } from 'react';
import type { ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSessionSocket } from '../session/useSessionSocket';
import { MeasureForm } from './MeasureForm';
import { useMeasures } from './MeasuresProvider';
import { instrumentOf, lang, localized } from './measureText';
import './measures.css';

/**
 * A partner's check-in or check-out: a modal card over the room on their own screen (the whole form fits a 375 px
 * phone without scrolling), opened by itself when the therapist's session opens it, closed by sending or "Later".
 * A partner's quick exit moves inside it, first in its focus order, as in the pause card.
 */
export function CheckInDialog({ quickExit, hidden }: { quickExit?: ReactNode; hidden: boolean }) {
  const { i18n } = useTranslation();
  const { self } = useSessionSocket();
  const { view, dialog, setDialog, remember } = useMeasures();
  const headingId = useId();
  const occasion = view?.occasions.find((o) => o.occasion === dialog) ?? null;
  const instrument =
    occasion && view ? instrumentOf(view.instruments, occasion.instrumentId, occasion.instrumentVersion) : undefined;
  const previous = view?.responses.find((r) => r.occasion === dialog && r.partnerId === self?.id) ?? null;
  const isOpen = !hidden && occasion !== null && instrument !== undefined;
  return (
    <ModalOverlay
      className="measure-overlay"
      isOpen={isOpen}
      isDismissable={false}
      // Escape is the quick exit's key (three presses): the dialog leaves it alone; "Later" closes it.
      isKeyboardDismissDisabled
      onOpenChange={(open) => {
        if (!open) setDialog(null);
      }}
    >
      <Modal className="measure-modal">
        {isOpen ? quickExit : null}
        {isOpen && occasion && instrument ? (
          <Dialog className="measure-card" aria-labelledby={headingId} data-occasion={occasion.occasion}>
            <Heading slot="title" id={headingId} className="measure-title">
              {localized(instrument.name, lang(i18n.language))}
            </Heading>
            <MeasureForm
              key={`${occasion.occasion}:${occasion.openedAt ?? ''}`}
              occasion={occasion.occasion}
              instrument={instrument}
              previous={previous}
              headingId={headingId}
              onSent={(r) => {
                remember(r);
                setDialog(null);
              }}
              onLater={() => setDialog(null)}
            />
          </Dialog>
        ) : null}
      </Modal>
    </ModalOverlay>
  );
}
