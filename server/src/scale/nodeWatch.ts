import type { TandemServer } from '../realtime/types.js';
import type { Liveness } from './liveness.js';

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
 * once and then every `intervalMs`; `/api/health` reports the count.
 *
 * A process that joined and died between two counts changes no count: with `liveness`, each tick also reads the
 * registered processes (liveness.ts), and one whose key is gone triggers `onLoss` once (at most one call a tick,
 * whatever the number found). A process found dead and then alive again (it was only cut off from Redis) is
 * watched again.
 */
export function watchNodes(
  io: TandemServer,
  onLoss: (sessionIds: string[]) => void,
  intervalMs = NODE_WATCH_MS,
  liveness?: Liveness,
): NodeWatch {
  let last = 0;
  const handled = new Set<string>();
  const count = () =>
    io
      .of('/')
      .adapter.serverCount()
      .then((n) => {
        const fewer = n < last;
        last = n;
        return fewer;
      })
      .catch(() => false);
  const died = async () => {
    const members = await liveness?.members().catch(() => null);
    if (!members) return false;
    for (const id of members.alive) handled.delete(id);
    let found = false;
    for (const id of members.dead) {
      if (handled.has(id)) continue;
      handled.add(id);
      found = true;
    }
    // Members dropped from the list (ten minutes gone) are no longer remembered either.
    const listed = new Set([...members.alive, ...members.dead]);
    for (const id of handled) if (!listed.has(id)) handled.delete(id);
    return found;
  };
  const tick = async () => {
    const [fewer, dead] = await Promise.all([count(), died()]);
    if (fewer || dead) onLoss(localSessions(io));
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), seen: () => last };
}
