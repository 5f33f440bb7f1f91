/**
 * A write gate under way (the collab `writeGate` hook answered with a read): the connection's messages wait, in
 * order, behind the one that needs it, and go on once it is known.
 */
import type { RawData } from 'ws';
import { CloseCode } from '@tandem/shared';
import type { Conn } from './conn.js';

/** No messages after this one. */
export const none = (): RawData[] => [];

/**
 * Holds `held` (the message that needs the gate, then any that arrived before it was asked for) and everything the
 * connection sends meanwhile until `gate` settles. The answer stands for every held message: the read began after
 * each of them arrived. Then `process` runs them in order with it, and the later ones without (an update among
 * them asks again, holding itself and the rest). A gate that fails is reported to `fail`, nothing held is processed
 * and the connection closes (fail closed: the client resends what the server lacks when it reconnects).
 */
export function holdForGate<Ctx>(
  conn: Conn<Ctx>,
  held: RawData[],
  gate: Promise<boolean>,
  process: (msg: RawData, barred: boolean | null, rest: () => RawData[]) => void,
  fail: (err: unknown) => void,
): void {
  const covered = held.length;
  conn.backlog = held;
  gate.then(
    (barred) => {
      const queued = conn.backlog ?? [];
      conn.backlog = null;
      for (let i = 0; i < queued.length; i++) {
        const mine = i < covered;
        process(queued[i] as RawData, mine ? barred : null, mine ? none : () => queued.slice(i + 1));
        if (conn.backlog) return; // a later update asked again: it holds itself and the rest
      }
    },
    (err: unknown) => {
      conn.backlog = null;
      fail(err);
      conn.ws.close(CloseCode.INTERNAL, 'Could not check the document');
    },
  );
}
