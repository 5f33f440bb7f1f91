/** Stock y-websocket `WebsocketProvider` clients in Node, as a browser tab would use them. */
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { COLLAB_PATH, CollabAuthSubType, CollabMessageType } from '@tandem/shared';
import type { Browser } from './harness.js';

export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes this client has seen, in order. */
  closeCodes: number[];
  /** How many of this client's updates the server refused (y-protocols permission-denied answers). */
  denied(): number;
  /**
   * Asks the server for what we lack and waits for its answer: the server answers a connection's messages in
   * order, so everything it had to say about what we sent before has arrived by then (a sentinel).
   */
  roundTrip(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

/** A WebSocket class that sends the browser's cookies and Origin, as a browser would. */
function browserSocket(browser: Browser | null): typeof WebSocket {
  const headers: Record<string, string> = browser ? { cookie: browser.cookieHeader, origin: browser.baseUrl } : {};
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as typeof WebSocket;
}

export function collabClient(
  baseUrl: string,
  docName: string,
  opts: { browser?: Browser | null; sessionId?: string; token?: string; connect?: boolean } = {},
): CollabClient {
  const doc = new Y.Doc();
  const params: Record<string, string> = {};
  if (opts.sessionId) params['session'] = opts.sessionId;
  if (opts.token) params['token'] = opts.token;
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + COLLAB_PATH, docName, doc, {
    WebSocketPolyfill: browserSocket(opts.browser ?? null) as never,
    disableBc: true,
    params,
    connect: opts.connect ?? true,
    maxBackoffTime: 300,
  });
  const closeCodes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  let denied = 0;
  const auth = provider.messageHandlers[CollabMessageType.AUTH]!;
  provider.messageHandlers[CollabMessageType.AUTH] = (encoder, decoder, p, emitSynced, type) => {
    if (decoding.peekVarUint(decoder) === CollabAuthSubType.PERMISSION_DENIED) denied++;
    auth(encoder, decoder, p, emitSynced, type);
  };
  let syncAnswers = 0;
  const sync = provider.messageHandlers[CollabMessageType.SYNC]!;
  provider.messageHandlers[CollabMessageType.SYNC] = (encoder, decoder, p, emitSynced, type) => {
    if (decoding.peekVarUint(decoder) === syncProtocol.messageYjsSyncStep2) syncAnswers++;
    sync(encoder, decoder, p, emitSynced, type);
  };
  return {
    doc,
    provider,
    closeCodes,
    denied: () => denied,
    async roundTrip(timeoutMs = 5000) {
      const before = syncAnswers;
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, CollabMessageType.SYNC);
      syncProtocol.writeSyncStep1(enc, doc);
      provider.ws?.send(encoding.toUint8Array(enc));
      await waitFor(() => syncAnswers > before, timeoutMs, 'the server’s answer');
    },
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const synced = (c: CollabClient, timeoutMs = 5000) => waitFor(() => c.provider.synced, timeoutMs, 'sync');

/** Resolves with the first close code (refusals close right after the upgrade). */
export async function firstCloseCode(c: CollabClient, timeoutMs = 5000): Promise<number> {
  await waitFor(() => c.closeCodes.length > 0, timeoutMs, 'close');
  return c.closeCodes[0] as number;
}

/** A card on the map, in the shape the client writes (client/src/features/map/mapModel.ts). */
export function addCard(doc: Y.Doc, id: string, side: 'a' | 'b' | 'shared', label: string): void {
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ kind: 'action', side, label, x: 0, y: 0 })) m.set(k, v);
    doc.getMap<Y.Map<unknown>>('nodes').set(id, m);
  });
}

/** A card's label, or undefined when there is no such card. */
export const labelOf = (doc: Y.Doc, id: string): unknown => doc.getMap<Y.Map<unknown>>('nodes').get(id)?.get('label');

export function setLabel(doc: Y.Doc, id: string, label: string): void {
  doc.getMap<Y.Map<unknown>>('nodes').get(id)?.set('label', label);
}
