/**
 * One message from a connection, read and answered: a sync request, an update (through the write gate, the limits
 * and `canWrite`, acknowledged once stored), awareness, a query for everyone's awareness. The server's onMessage
 * hands each message here unless a write gate is holding the connection's earlier ones back (gate.ts).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { WebSocket, type RawData } from 'ws';
import { CloseCode } from '@tandem/shared';
import { sendTo, type Conn } from './conn.js';
import { holdForGate } from './gate.js';
import { admitAwarenessQuery, admitSyncRequest, admitUpdate, receiveAwareness } from './guard.js';
import { CollabRefusal, type CollabHooks } from './hooks.js';
import type { CollabLimits } from './limits.js';
import { DENIED, MessageType, STORED, awarenessFrame, frame } from './messages.js';

/**
 * One message; `gated` is the write gate's answer when this message already waited for it, `rest` what the
 * connection sent after it that has not been processed yet (a gate asked for now stands for those too).
 */
export function receiveMessage<Ctx>(
  conn: Conn<Ctx>,
  data: RawData,
  gated: boolean | null,
  rest: () => RawData[],
  hooks: CollabHooks<Ctx>,
  limits: CollabLimits,
): void {
  const { doc: state } = conn;
  // After a refusal the socket is closing: whatever else it sent is not read.
  if (state.failed || conn.ws.readyState !== WebSocket.OPEN) return;
  const bytes =
    data instanceof Buffer
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data as ArrayBuffer);
  if (bytes.length > limits.maxMessageBytes) {
    conn.ws.close(CloseCode.MESSAGE_TOO_LARGE, 'Message too large');
    return;
  }
  try {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.SYNC: {
        const sub = decoding.readVarUint(decoder);
        if (sub === syncProtocol.messageYjsSyncStep1) {
          const sv = decoding.readVarUint8Array(decoder);
          if (!admitSyncRequest(conn)) return;
          sendTo(
            conn,
            frame((enc) => {
              encoding.writeVarUint(enc, MessageType.SYNC);
              syncProtocol.writeSyncStep2(enc, state.doc, sv);
            }),
            limits.maxBufferedBytes,
          );
        } else if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) {
          const update = decoding.readVarUint8Array(decoder);
          const gate = gated ?? hooks.writeGate?.(conn.ctx, state.name) ?? false;
          if (typeof gate !== 'boolean') {
            const resume = (msg: RawData, barred: boolean | null, after: () => RawData[]) =>
              receiveMessage(conn, msg, barred, after, hooks, limits);
            holdForGate(conn, [data, ...rest()], gate, resume, (err) => hooks.onError?.(err, state.name));
            return;
          }
          const growth = admitUpdate(conn, update, limits);
          if (growth < 0) return; // refused and closed: nothing applied, stored or relayed
          if (!hooks.canWrite(conn.ctx, state.name, update, state.doc, gate)) {
            // Refused: the doc stays as it is, and the client is told (y-protocols permission-denied).
            sendTo(conn, DENIED, limits.maxBufferedBytes);
            return;
          }
          Y.applyUpdate(state.doc, update, conn);
          state.bytes += growth;
          // Acknowledge once this message (and all before it) is stored.
          state.chain = state.chain.then(() => sendTo(conn, STORED, limits.maxBufferedBytes));
        } else {
          throw new Error('unknown sync message');
        }
        break;
      }
      case MessageType.AWARENESS:
        // An unseen connection (a supervisor) shows nothing of itself: its presence is never applied or relayed.
        if (hooks.unseen?.(conn.ctx)) break;
        receiveAwareness(conn, decoding.readVarUint8Array(decoder), limits);
        break;
      case MessageType.QUERY_AWARENESS: {
        if (!admitAwarenessQuery(conn)) break;
        sendTo(conn, awarenessFrame(state.awareness, [...state.awareness.getStates().keys()]), limits.maxBufferedBytes);
        break;
      }
      case MessageType.AUTH:
        break; // stock clients never send it; nothing to do
      default:
        throw new Error('unknown message type');
    }
  } catch (err) {
    // A refused or malformed message closes this one connection; the doc and everyone else carry on.
    if (err instanceof CollabRefusal) conn.ws.close(err.code, err.message);
    else conn.ws.close(CloseCode.BAD_MESSAGE, 'Malformed message');
  }
}
