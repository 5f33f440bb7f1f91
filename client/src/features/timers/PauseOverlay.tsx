import { Suspense, lazy, useState, type ReactNode } from 'react';
import { Dialog, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Role } from '@tandem/shared';
import { Loading } from '../../components/feedback';
import { useTimers } from './TimersProvider';

// The card (its exercises and their guides) loads when the first pause begins.
const PauseCard = lazy(async () => ({ default: (await import('./PauseCard')).PauseCard }));

/**
 * While a pause runs, every screen shows this calm full-screen modal (focus trapped, restored after). A partner's
 * quick exit moves inside it, first in its focus order, so it stays reachable by touch, keyboard and screen reader.
 */
export function PauseOverlay({ role, quickExit }: { role: Role; quickExit?: ReactNode }) {
  const { t } = useTranslation();
  const { view } = useTimers();
  const pause = view?.pause ?? null;
  // Tell screen-reader users when everyone is back (the dialog simply disappears otherwise).
  const [wasPaused, setWasPaused] = useState(false);
  const [back, setBack] = useState(false);
  if (wasPaused !== (pause !== null)) {
    setWasPaused(pause !== null);
    setBack(pause === null);
  }
  return (
    <>
      <p role="status" className="visually-hidden">
        {back ? t('timers.pause.ended') : ''}
      </p>
      <ModalOverlay className="pause-overlay" isOpen={pause !== null} isDismissable={false} isKeyboardDismissDisabled>
        <Modal className="pause-modal">
          {pause ? quickExit : null}
          {pause ? (
            <Suspense
              fallback={
                <Dialog className="pause-card" aria-label={t('timers.pause.title')}>
                  <Loading />
                </Dialog>
              }
            >
              <PauseCard pause={pause} role={role} />
            </Suspense>
          ) : null}
        </Modal>
      </ModalOverlay>
    </>
  );
}
