/** Several processes of one practice (README "Running several processes"): what the composition root wires in. */
import type { Logger } from '../lib/logger.js';
import type { TandemServer } from '../realtime/types.js';
import { sweepDeadlines } from './deadlineSweep.js';
import type { Liveness } from './liveness.js';
import { watchNodes } from './nodeWatch.js';
export { openRedisLink, type RedisLink } from './redisLink.js';
export { attachSocketAdapter } from './socketAdapter.js';
export { RedisDocRelay } from './docRelay.js';
export { collabControl, type CollabControl } from './collabControl.js';
export { Liveness } from './liveness.js';

export interface InStepDeps {
  io: TandemServer;
  logger: Logger;
  /** Which processes are alive (the watch also finds those that started and died between two counts). */
  liveness: Liveness;
  /** Arms every open deadline from storage (timers, script turns). */
  resume: Array<() => Promise<void>>;
  /** Tells a session's room who is there now. */
  broadcastPresence(sessionId: string): Promise<void>;
}

/**
 * Every process arms every deadline (deadlineSweep.ts), and a process that died is announced to its rooms by
 * the others (nodeWatch.ts). Returns the stop, and how many processes the watch counted last.
 */
export function keepInStep(deps: InStepDeps): { stop: () => void; processes: () => number } {
  const { logger } = deps;
  const stopSweep = sweepDeadlines(deps.resume, (err) => logger.error({ err }, 'deadline sweep failed'));
  const watch = watchNodes(
    deps.io,
    (ids) => {
      for (const id of ids) {
        deps.broadcastPresence(id).catch((err: unknown) => logger.error({ err }, 'presence broadcast failed'));
      }
    },
    undefined,
    deps.liveness,
  );
  return {
    stop: () => {
      stopSweep();
      watch.stop();
    },
    processes: watch.seen,
  };
}
