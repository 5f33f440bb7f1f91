import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { WebSocket, type RawData } from 'ws';
import { COLD_PUSH_MAX_BYTES, MessageType, frame } from './messages.js';

/**
 * The fast path of a cold start: answer any SyncStep1 already waiting with the stored bytes (a fresh client
 * gets them as they are), or push them unasked. Only when the stored log is no bigger than a doc may be
 * (`maxBytes`): a log of inserts and deletes keeps what the doc has collected away, so a big one is answered
 * from the rebuilt doc instead.
 */
export function answerFromStorage(ws: WebSocket, stored: Uint8Array[], early: RawData[], maxBytes: number): void {
  if (stored.length === 0 || ws.readyState !== WebSocket.OPEN) return;
  let total = 0;
  for (const u of stored) total += u.length;
  if (total > maxBytes) return;
  const merged = stored.length === 1 ? (stored[0] as Uint8Array) : Y.mergeUpdates(stored);
  let answered = false;
  for (let i = 0; i < early.length; i++) {
    const data = early[i];
    if (!(data instanceof Buffer)) continue;
    try {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (decoding.readVarUint(decoder) !== MessageType.SYNC) continue;
      if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) continue;
      const sv = decoding.readVarUint8Array(decoder);
      const diff = sv.length <= 1 ? merged : Y.diffUpdate(merged, sv);
      ws.send(
        frame((enc) => {
          encoding.writeVarUint(enc, MessageType.SYNC);
          encoding.writeVarUint(enc, syncProtocol.messageYjsSyncStep2);
          encoding.writeVarUint8Array(enc, diff);
        }),
      );
      early.splice(i, 1);
      i--;
      answered = true;
    } catch {
      // not a well-formed step 1: the normal path will judge it
    }
  }
  // The client's step 1 is usually still on its way: send the stored state now, unasked (a step 2 is just an
  // update; applying what one already has is a no-op), so it need not wait while the doc is rebuilt.
  if (!answered && merged.length <= COLD_PUSH_MAX_BYTES) {
    ws.send(
      frame((enc) => {
        encoding.writeVarUint(enc, MessageType.SYNC);
        encoding.writeVarUint(enc, syncProtocol.messageYjsSyncStep2);
        encoding.writeVarUint8Array(enc, merged);
      }),
    );
  }
  // Our own step 1 (the greeting) follows once the doc is built: its state vector is cheap to take from the doc,
  // dear to compute from the bytes.
}
