import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import '../../styles/timers.css';
import type { ReactNode } from 'react';
import { CLOCK_RESAMPLE_MS } from '@tandem/shared';
import type { TimersView } from '@tandem/shared';
import { useSessionEvent, useSessionSocket } from '../session/useSessionSocket';
import { ServerClock } from './serverClock';

export interface TimersValue {
  /** null until the first state arrives (or while not admitted). */
  view: TimersView | null;
  clock: ServerClock;
}

export const TimersContext = createContext<TimersValue | null>(null);

export function useTimers(): TimersValue {
  const value = useContext(TimersContext);
  if (!value) throw new Error('useTimers must be used inside <TimersProvider>');
  return value;
}

/** Keeps the server clock estimate and the room's timers current (on connect, on updates, now and then). */
export function TimersProvider({ children }: { children: ReactNode }) {
  const { socket, connection, self, emitWithAck } = useSessionSocket();
  const [clock] = useState(() => new ServerClock());
  const [view, setView] = useState<TimersView | null>(null);
  const inRoom = connection === 'connected' && (self?.role === 'therapist' || self?.status === 'online');

  useSessionEvent('timer:update', setView);

  useEffect(() => {
    if (connection !== 'connected') return;
    let cancelled = false;
    const ping = async () => {
      const res = await emitWithAck('time:ping', {}, 3_000);
      return res.ok ? res.data.serverTime : null;
    };
    const round = () => {
      if (!cancelled) void clock.sample(ping);
    };
    clock.reset();
    round();
    const timer = window.setInterval(round, CLOCK_RESAMPLE_MS);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [connection, clock, emitWithAck, socket]);

  useEffect(() => {
    if (!inRoom) return;
    let cancelled = false;
    void emitWithAck('timer:state', {}).then((res) => {
      if (!cancelled && res.ok) setView(res.data);
    });
    return () => {
      cancelled = true;
    };
  }, [inRoom, emitWithAck]);

  return <TimersContext.Provider value={{ view, clock }}>{children}</TimersContext.Provider>;
}

/** Server "now", re-rendering every `everyMs` (aligned so whole seconds flip together on every screen). */
export function useServerNow(everyMs = 250, active = true): number {
  const { clock } = useTimers();
  const [now, setNow] = useState(() => clock.now());
  useSyncExternalStore(
    (cb) => clock.subscribe(cb),
    () => clock.offsetMs,
  );
  useEffect(() => {
    if (!active) return;
    let timer = 0;
    const tick = () => {
      const t = clock.now();
      setNow(t);
      timer = window.setTimeout(tick, everyMs - (t % everyMs) + 5);
    };
    tick();
    return () => window.clearTimeout(timer);
  }, [clock, everyMs, active]);
  return active ? now : clock.now();
}
