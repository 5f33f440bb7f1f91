/**
 * A lean y-websocket-protocol client for load testing: one WebSocket, a real Y.Doc and a real Awareness
 * (updates are really decoded and applied), nothing else. Speaks what `WebsocketProvider` speaks: on open it
 * sends SyncStep1 and its awareness state, answers the server's SyncStep1 with SyncStep2, and forwards
 * local doc updates one frame each.
 */
import { performance } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import WebSocket from 'ws';

const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const MSG_AUTH = 2;
const MSG_QUERY_AWARENESS = 3;

type Encode = (enc: encoding.Encoder) => void;

export class LeanClient {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  ws: WebSocket | null = null;
  synced = false;
  closed = false;
  errors = 0;
  lastError = '';
  /** performance.now() when the WebSocket was created, and when the first SyncStep2 was applied. */
  openStartedAt = 0;
  syncedAt = 0;
  private syncWaiters: Array<() => void> = [];
  private step2Waiters: Array<() => void> = [];
  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return;
    this.send(frame(MSG_SYNC, (enc) => syncProtocol.writeUpdate(enc, update)));
  };
  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin !== 'local') return;
    const changed = added.concat(updated, removed);
    this.send(
      frame(MSG_AWARENESS, (enc) =>
        encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)),
      ),
    );
  };

  constructor(
    readonly url: string,
    awarenessState: Record<string, unknown> | null,
  ) {
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(awarenessState);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  send(buf: Uint8Array): void {
    const ws = this.ws;
    if (ws && ws.readyState === WebSocket.OPEN) {
      ws.send(buf, (err) => {
        if (err) {
          this.errors++;
          this.lastError = `send: ${err.message}`;
        }
      });
    }
  }

  /** Resolves once the server's SyncStep2 has been applied. */
  connect(timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('sync timeout')), timeoutMs);
      this.syncWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.openStartedAt = performance.now();
      const ws = new WebSocket(this.url, { perMessageDeflate: false });
      this.ws = ws;
      ws.binaryType = 'nodebuffer';
      ws.on('open', () => {
        this.send(frame(MSG_SYNC, (enc) => syncProtocol.writeSyncStep1(enc, this.doc)));
        if (this.awareness.getLocalState() !== null) {
          this.send(
            frame(MSG_AWARENESS, (enc) =>
              encoding.writeVarUint8Array(
                enc,
                awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
              ),
            ),
          );
        }
      });
      ws.on('message', (data: Buffer) => this.onMessage(data));
      ws.on('error', (err) => {
        this.errors++;
        this.lastError = `socket: ${err.message}`;
        if (!this.synced) {
          clearTimeout(timer);
          reject(err);
        }
      });
      ws.on('close', (code, reason) => {
        this.closed = true;
        if (!this.synced) {
          clearTimeout(timer);
          reject(new Error(`closed before sync (${code} ${reason.toString()})`));
        }
      });
    });
  }

  private onMessage(data: Buffer): void {
    const dec = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    const type = decoding.readVarUint(dec);
    switch (type) {
      case MSG_SYNC: {
        const enc = encoding.createEncoder();
        encoding.writeVarUint(enc, MSG_SYNC);
        const kind = syncProtocol.readSyncMessage(dec, enc, this.doc, this);
        if (kind === syncProtocol.messageYjsSyncStep2) {
          if (!this.synced) {
            this.synced = true;
            this.syncedAt = performance.now();
          }
          for (const f of this.syncWaiters.splice(0)) f();
          for (const f of this.step2Waiters.splice(0)) f();
        }
        if (encoding.length(enc) > 1) this.send(encoding.toUint8Array(enc));
        break;
      }
      case MSG_AWARENESS:
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(dec), this);
        break;
      case MSG_QUERY_AWARENESS:
        this.send(
          frame(MSG_AWARENESS, (enc) =>
            encoding.writeVarUint8Array(
              enc,
              awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
            ),
          ),
        );
        break;
      case MSG_AUTH:
        // Sub-type 0 is y-protocols' permission-denied; 1 is our server's "stored" ack (ignored, as stock clients do).
        if (decoding.readVarUint(dec) === 0) {
          this.errors++;
          this.lastError = 'auth: permission denied';
        }
        break;
      default:
        break;
    }
  }

  /**
   * Sends a SyncStep1 and resolves on the server's SyncStep2 answer. The server handles a connection's
   * frames in order, so every update sent before has been applied (and, for us, stored) by then.
   */
  fence(): Promise<void> {
    return new Promise((resolve) => {
      this.step2Waiters.push(resolve);
      this.send(frame(MSG_SYNC, (enc) => syncProtocol.writeSyncStep1(enc, this.doc)));
    });
  }

  /** Closes the socket and resolves when it is closed. */
  close(): Promise<void> {
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    const ws = this.ws;
    const done =
      ws && ws.readyState !== WebSocket.CLOSED
        ? new Promise<void>((resolve) => ws.once('close', () => resolve()))
        : Promise.resolve();
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close();
    this.doc.destroy();
    return done;
  }
}

function frame(type: number, body: Encode): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, type);
  body(enc);
  return encoding.toUint8Array(enc);
}
