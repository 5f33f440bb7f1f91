import type { TandemServer } from '../realtime/types.js';

/** How often a process counts the others (through the Socket.IO adapter's heartbeats). */
export const NODE_WATCH_MS = 2_000;

/** The ids of the sessions that have a socket on this process (their `all` room, realtime/types.ts). */
function localSessions(io: TandemServer): string[] {
  const out: string[] = [];
  for (const room of io.of('/').adapter.rooms.keys()) {
    const m = /^s:(.+):all$/.exec(room);
    if (m?.[1]) out.push(m[1]);
  }
  return out;
}

/**
 * A process that dies runs no disconnect handler: nobody tells the room its people left. When the adapter stops
 * counting a process (its heartbeat timed out), every process tells the sessions it serves who is there now
 * (`onLoss`, e.g. a presence broadcast read from every remaining process). Returns the stop.
 */
export function watchNodes(io: TandemServer, onLoss: (sessionIds: string[]) => void, intervalMs = NODE_WATCH_MS) {
  let last = 0;
  const timer = setInterval(() => {
    io.of('/')
      .adapter.serverCount()
      .then((count) => {
        if (count < last) onLoss(localSessions(io));
        last = count;
      })
      .catch(() => undefined);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
