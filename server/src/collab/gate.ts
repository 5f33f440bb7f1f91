/**
 * A write gate under way (the collab `writeGate` hook answered with a read): the connection's messages wait, in
 * order, behind the one that needs it, and go on once it is known.
 */
import type { RawData } from 'ws';
import { CloseCode } from '@tandem/shared';
import type { Conn } from './conn.js';

/**
 * Holds `data` and everything the connection sends after it until `gate` settles; then `process` runs them in
 * order, the first with the gate's answer (a later update may start another wait). A gate that fails is reported
 * to `fail`, nothing held is processed and the connection closes (fail closed: the client resends on reconnect).
 */
export function holdForGate<Ctx>(
  conn: Conn<Ctx>,
  data: RawData,
  gate: Promise<boolean>,
  process: (msg: RawData, barred: boolean | null) => void,
  fail: (err: unknown) => void,
): void {
  conn.backlog = [data];
  gate.then(
    (barred) => {
      const queued = conn.backlog ?? [];
      conn.backlog = null;
      queued.forEach((msg, i) => {
        if (conn.backlog) conn.backlog.push(msg);
        else process(msg, i === 0 ? barred : null);
      });
    },
    (err: unknown) => {
      conn.backlog = null;
      fail(err);
      conn.ws.close(CloseCode.INTERNAL, 'Could not check the document');
    },
  );
}
