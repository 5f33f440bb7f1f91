/**
 * A socket's first moments on the sync endpoint, before it has a connection of its own: the version check, the
 * messages that arrive while it is authorized and its doc loads (kept in order, a bounded few), and the greeting
 * once it is in.
 */
import * as enc from 'lib0/encoding';
import type * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import type { RawData, WebSocket } from 'ws';
import { COLLAB_PROTOCOL_VERSION, CloseCode } from '@tandem/shared';
import { MessageType, awarenessFrame, frame } from './messages.js';

/** Messages a client may send while it is being authorized. */
const MAX_EARLY_MESSAGES = 32;

/** Refuses (and closes) a client built for another protocol version; a client that names none is let in. */
export function versionRefused(ws: WebSocket, params: URLSearchParams): boolean {
  const version = params.get('v');
  if (version === null || version === String(COLLAB_PROTOCOL_VERSION)) return false;
  ws.close(CloseCode.PROTOCOL_MISMATCH, 'Reload the page to update the app');
  return true;
}

/**
 * Keeps what the socket sends until `release()`, in order; past a few messages the socket is closed as rate
 * limited. `early` is the list itself (the cold-start answer reads a waiting sync step 1 from it).
 */
export function holdEarlyMessages(ws: WebSocket): { early: RawData[]; release: () => RawData[] } {
  const early: RawData[] = [];
  const hold = (data: RawData) => {
    if (early.push(data) > MAX_EARLY_MESSAGES) ws.close(CloseCode.RATE_LIMITED, 'Too many messages');
  };
  ws.on('message', hold);
  return {
    early,
    release: () => {
      ws.off('message', hold);
      return early;
    },
  };
}

/** The greeting: our state vector (the client answers with what we lack), then who else is here. */
export function greeting(doc: Y.Doc, awareness: awarenessProtocol.Awareness): Uint8Array[] {
  const out = [
    frame((e) => {
      enc.writeVarUint(e, MessageType.SYNC);
      syncProtocol.writeSyncStep1(e, doc);
    }),
  ];
  const states = awareness.getStates();
  if (states.size > 0) out.push(awarenessFrame(awareness, [...states.keys()]));
  return out;
}
