import type { TandemServer } from '../realtime/types.js';

/** How often a process counts the others (the Socket.IO adapter's count of processes on its Redis channel). */
export const NODE_WATCH_MS = 1_000;

/** The ids of the sessions that have a socket on this process (their `all` room, realtime/types.ts). */
function localSessions(io: TandemServer): string[] {
  const out: string[] = [];
  for (const room of io.of('/').adapter.rooms.keys()) {
    const m = /^s:(.+):all$/.exec(room);
    if (m?.[1]) out.push(m[1]);
  }
  return out;
}

/** The watch: stop it, and how many processes it counted last (0 before its first count). */
export interface NodeWatch {
  stop(): void;
  seen(): number;
}

/**
 * A process that dies runs no disconnect handler: nobody tells the room its people left. When the adapter counts
 * fewer processes than before (a dead process's Redis connection closed), every process tells the sessions it
 * serves who is there now (`onLoss`, e.g. a presence broadcast read from every remaining process). It counts at
 * once and then every `intervalMs`; a process that joined and died between two counts goes unnoticed, so
 * `/api/health` reports the count (an operator, or a test, can see that a process was counted).
 */
export function watchNodes(
  io: TandemServer,
  onLoss: (sessionIds: string[]) => void,
  intervalMs = NODE_WATCH_MS,
): NodeWatch {
  let last = 0;
  const count = () =>
    io
      .of('/')
      .adapter.serverCount()
      .then((n) => {
        if (n < last) onLoss(localSessions(io));
        last = n;
      })
      .catch(() => undefined);
  void count();
  const timer = setInterval(() => void count(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), seen: () => last };
}
