/** Raw y-websocket frames for tests that play a hostile client (stock providers never send these). */
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { COLLAB_PATH, CollabMessageType } from '@tandem/shared';
import type { Browser } from './harness.js';

export function updateFrame(update: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, CollabMessageType.SYNC);
  syncProtocol.writeUpdate(enc, update);
  return encoding.toUint8Array(enc);
}

/** A sync step 1 of an empty client: "send me the whole doc". */
export function syncStep1Frame(): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, CollabMessageType.SYNC);
  syncProtocol.writeSyncStep1(enc, new Y.Doc());
  return encoding.toUint8Array(enc);
}

/** One awareness frame with the given entries (`state` null removes the entry). */
export function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientId);
    encoding.writeVarUint(inner, e.clock);
    encoding.writeVarString(inner, JSON.stringify(e.state));
  }
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, CollabMessageType.AWARENESS);
  encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner));
  return encoding.toUint8Array(enc);
}

/** An update that adds a card with this label (in the shape the client writes), from a fresh Yjs client. */
export function cardUpdate(id: string, side: 'a' | 'b' | 'shared', label: string): Uint8Array {
  const doc = new Y.Doc();
  const m = new Y.Map<unknown>();
  doc.transact(() => {
    for (const [k, v] of Object.entries({ kind: 'action', side, label, x: 0, y: 0 })) m.set(k, v);
    doc.getMap('nodes').set(id, m);
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

export interface RawClient {
  ws: WebSocket;
  opened: Promise<void>;
  /** The close code, once closed. */
  closed: Promise<number>;
}

/** A bare WebSocket to `/collab/<doc>` with a browser's cookies; sends nothing by itself. */
export function rawClient(baseUrl: string, doc: string, browser: Browser | null, query = ''): RawClient {
  const url = `${baseUrl.replace(/^http/, 'ws')}${COLLAB_PATH}/${doc}${query}`;
  const ws = new WebSocket(url, {
    headers: browser ? { cookie: browser.cookieHeader, origin: browser.baseUrl } : {},
  });
  ws.on('error', () => undefined);
  return {
    ws,
    opened: new Promise((resolve) => ws.once('open', () => resolve())),
    closed: new Promise((resolve) => ws.once('close', (code) => resolve(code))),
  };
}

/** Opens, sends each frame, and resolves with the close code the server answers with. */
export async function sendUntilClosed(
  baseUrl: string,
  doc: string,
  browser: Browser | null,
  frames: Uint8Array[],
  query = '',
): Promise<number> {
  const c = rawClient(baseUrl, doc, browser, query);
  await c.opened;
  for (const f of frames) c.ws.send(f);
  return c.closed;
}
