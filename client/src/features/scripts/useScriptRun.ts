import { useEffect, useState } from 'react';
import type { ScriptRunView } from '@tandem/shared';
import { useSessionEvent, useSessionSocket } from '../session/useSessionSocket';

/** The session's live script run (null when none), kept current from the server; `ended` once one finished here. */
export function useScriptRun(): { run: ScriptRunView | null; ended: boolean } {
  const { connection, self, emitWithAck } = useSessionSocket();
  const [run, setRun] = useState<ScriptRunView | null>(null);
  const [ended, setEnded] = useState(false);
  const inRoom = connection === 'connected' && (self?.role === 'therapist' || self?.status === 'online');
  useSessionEvent('script:update', (next) => {
    setRun(next && next.status !== 'ended' ? next : null);
    setEnded(next?.status === 'ended');
  });
  useEffect(() => {
    if (!inRoom) return;
    let cancelled = false;
    void emitWithAck('script:state', {}).then((res) => {
      if (!cancelled && res.ok) setRun(res.data);
    });
    return () => {
      cancelled = true;
    };
  }, [inRoom, emitWithAck]);
  return { run, ended };
}
