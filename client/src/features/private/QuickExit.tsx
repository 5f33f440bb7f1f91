import { useRef } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSessionSocket } from '../session/useSessionSocket';
import { QuickExitDock, leaveNow } from './QuickExitDock';

/**
 * The quick exit's button alone, for places the floating one cannot reach (the video in full screen): it leaves at
 * once, like the floating one; the Escape presses stay with the floating one.
 */
export function QuickExitButton() {
  const { t } = useTranslation();
  const { sessionId } = useSessionSocket();
  const left = useRef(false);
  return (
    <Button
      className="btn quick-exit"
      onPress={() => {
        if (left.current) return;
        left.current = true;
        leaveNow(sessionId);
      }}
    >
      {t('private.quickExit.button')}
    </Button>
  );
}

/**
 * Quick exit: a button (and Escape three times) that leaves at once for a neutral page. It floats above every
 * overlay (pause card, dialogs) in the same corner on every screen size, and stays out of their inert region.
 */
export function QuickExit() {
  const { sessionId } = useSessionSocket();
  return <QuickExitDock leave={() => leaveNow(sessionId)} />;
}
