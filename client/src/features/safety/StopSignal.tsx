/**
 * The covert stop signal on the partner's side: a control in their private space with the label agreed with the
 * therapist, and a keyboard chord anywhere on the page. Both mean "I need to stop / I'm not safe to talk".
 *
 * What the screen does when it is sent: nothing an onlooker could notice. The control keeps its words, size, colour
 * and place, no sound plays, focus stays where it was. The only acknowledgement is a polite, visually hidden status
 * ("Sent.") for screen readers: a neutral word, the same a sent message gets, so it means nothing to someone who
 * overhears it. A sighted partner learns it arrived the way the therapist told them: the therapist calls a pause.
 * Only a failure shows, as an ordinary neutral error ("Not sent. Try again."), because a silent failure would leave
 * the partner believing help is coming.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STOP_CHORD_ARIA, STOP_CHORD_CODE } from '@tandem/shared';
import { api, type AppError } from '../../lib/api';
import { ErrorNotice } from '../../components/feedback';
import { useQuery } from '../../lib/useQuery';
import { useSessionSocket } from '../session/useSessionSocket';
import { useStopSignal } from './useStopSignal';
import './safety.css';

/** The announcement after each send: the text changes (a counter in the key) so a second press is announced too. */
function useAnnounce(): [string, (error: AppError | null) => void, AppError | null] {
  const { t } = useTranslation();
  const [sent, setSent] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  const text = sent === 0 ? '' : `${t('safety.control.sent')}${sent % 2 === 0 ? '\u00a0' : ''}`;
  const announce = useCallback((err: AppError | null) => {
    setError(err);
    if (!err) setSent((n) => n + 1);
  }, []);
  return [text, announce, error];
}

/** The control in the partner's private space. */
export function StopSignalControl() {
  const { t } = useTranslation();
  const { sessionId } = useSessionSocket();
  const send = useStopSignal();
  const [announced, announce, error] = useAnnounce();
  const label = useQuery(`stop-label:${sessionId}`, (signal) => api.myStopLabel(sessionId, { signal }));
  // Until the agreed label arrives (or if it cannot), the default neutral one: the control is never missing.
  const text = label.data?.label ?? t('safety.control.defaultLabel');
  return (
    <div className="stop-signal" data-stop-signal="">
      {/* A native button: react-aria's drops aria-keyshortcuts. */}
      <button
        type="button"
        className="btn btn-secondary btn-small stop-signal-button"
        aria-keyshortcuts={STOP_CHORD_ARIA}
        onClick={() => void send().then(announce)}
      >
        {text}
      </button>
      <span role="status" className="visually-hidden">
        {announced}
      </span>
      <ErrorNotice error={error} messageKey="safety.control.failed" />
    </div>
  );
}

/**
 * The same control where the quick exit sits in the pause and check-in overlays (the private panel is behind them,
 * and in a hidden tab on a phone): the opposite corner of the quick exit's row, which those overlays keep free.
 * Every partner gets it in every overlay, so nothing differs between the two screens in a room.
 */
export function StopSignalDock() {
  return (
    <div className="stop-signal-dock">
      <StopSignalControl />
    </div>
  );
}

/** The keyboard chord (Alt+Shift+Y), anywhere on the partner's page, in the room and in the waiting room. */
export function StopSignalChord() {
  const send = useStopSignal();
  const [announced, announce, error] = useAnnounce();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== STOP_CHORD_CODE || !e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return;
      // The chord types nothing (on a Mac, Option+Shift+Y would insert a character) and repeats send nothing.
      e.preventDefault();
      e.stopPropagation();
      if (e.repeat) return;
      void send().then(announce);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [send, announce]);
  return (
    <>
      <span role="status" className="visually-hidden" data-stop-chord-status="">
        {announced}
      </span>
      {error ? (
        <div className="stop-signal-chord-error">
          <ErrorNotice error={error} messageKey="safety.control.failed" />
        </div>
      ) : null}
    </>
  );
}
