/**
 * One Yjs doc of the workspace: a stock y-websocket provider to our /collab endpoint, IndexedDB so edits made
 * offline survive a closed tab, and an honest save state: the server sends one STORED ack per update message
 * once it is durable, and we count them against what we sent.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { COLLAB_PATH, COLLAB_PROTOCOL_VERSION, CloseCode, CollabAuthSubType, CollabMessageType } from '@tandem/shared';

export type SaveState = 'connecting' | 'syncing' | 'saved' | 'offline' | 'refused';

/**
 * Why the server would not keep a change of ours (the local copy then starts again from the server's): too
 * large, the doc full, or refused (a private doc that is read-only now, or a change of a shape it never holds).
 */
export type CollabLimitNotice = 'tooLarge' | 'docFull' | 'refused';

export interface CollabSnapshot {
  save: SaveState;
  /** The close code the server refused us with (4401, 4403, 4410…). */
  refusedCode: number | null;
  /** The server refused an edit (the map is locked). */
  denied: boolean;
  /** The server closed us over a change too large, or a doc full: resending it would be refused again. */
  limit: CollabLimitNotice | null;
  /** What to tell the person (carried over to the connection that replaces this one). */
  notice: CollabLimitNotice | null;
}

/** RFC 6455 "message too big": a frame far over the limit, cut by the server while it arrived. */
const WS_MESSAGE_TOO_BIG = 1009;

/** Cards of a selection shared with the others: keeps one's awareness state far under COLLAB_MAX_AWARENESS_BYTES. */
export const SHARED_SELECTION_MAX = 64;

export function limitOf(code: number | undefined): CollabLimitNotice | null {
  if (code === CloseCode.MESSAGE_TOO_LARGE || code === WS_MESSAGE_TOO_BIG) return 'tooLarge';
  if (code === CloseCode.DOC_QUOTA) return 'docFull';
  return null;
}

/**
 * 4400-4499 are final (y-websocket's default: reconnecting cannot change them), and so is 1009; everything else
 * (RATE_LIMITED, TOO_MANY_CONNECTIONS, INTERNAL, a dropped network) is retried with the provider's backoff.
 */
export const shouldReconnect = (event: Pick<CloseEvent, 'code'>): boolean =>
  !(event.code >= 4400 && event.code < 4500) && event.code !== WS_MESSAGE_TOO_BIG;

/** Local edits carry this origin: the undo manager tracks only them. */
export const LOCAL_ORIGIN = Symbol('local');

type AuthHandler = WebsocketProvider['messageHandlers'][number];

export class CollabConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly idb: IndexeddbPersistence | null;
  private destroyTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;
  private sent = 0;
  private stored = 0;
  private snapshot: CollabSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly docName: string,
    params: Record<string, string>,
    options: { offline?: boolean; notice?: CollabLimitNotice | null } = {},
  ) {
    this.snapshot = {
      save: 'connecting',
      refusedCode: null,
      denied: false,
      limit: null,
      notice: options.notice ?? null,
    };
    const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${COLLAB_PATH}`;
    this.idb = options.offline === false ? null : new IndexeddbPersistence(`tandem:${docName}`, this.doc);
    this.provider = new WebsocketProvider(base, docName, this.doc, {
      params: { ...params, v: String(COLLAB_PROTOCOL_VERSION) },
      maxBackoffTime: 5000,
      connect: false,
      shouldReconnect,
    });

    const original = this.provider.messageHandlers[CollabMessageType.AUTH] as AuthHandler;
    this.provider.messageHandlers[CollabMessageType.AUTH] = (encoder, decoder, provider, emitSynced, type) => {
      const peek = decoding.clone(decoder);
      const sub = decoding.readVarUint(peek);
      if (sub === CollabAuthSubType.STORED) {
        this.stored++;
        this.update();
        return;
      }
      if (sub === CollabAuthSubType.PERMISSION_DENIED) {
        this.stored++; // refused messages are answered too; nothing is pending for them
        const first = !this.snapshot.denied;
        this.snapshot = { ...this.snapshot, denied: true };
        this.update();
        if (first) this.emit(); // a refusal is news even when the save state stays as it was
        return;
      }
      original(encoder, decoder, provider, emitSynced, type);
    };
    this.doc.on('update', (_u: Uint8Array, origin: unknown) => {
      if (origin !== this.provider && this.provider.wsconnected) {
        this.sent++;
        this.update();
      }
    });
    this.provider.on('status', ({ status }) => {
      if (status === 'connected') {
        // The server greets with its state vector; our provider answers with one step-2 message, acked once.
        this.sent = 1;
        this.stored = 0;
      }
      this.update();
    });
    this.provider.on('sync', () => this.update());
    this.provider.on('connection-close', (event) => {
      const limit = limitOf(event?.code);
      if (limit) this.snapshot = { ...this.snapshot, limit, notice: limit };
      else if (event && event.code >= 4400 && event.code < 4500) {
        this.snapshot = { ...this.snapshot, refusedCode: event.code };
      }
      this.update();
      if (limit) this.emit();
    });
  }

  get state(): CollabSnapshot {
    return this.snapshot;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): CollabSnapshot => this.snapshot;

  clearDenied(): void {
    this.snapshot = { ...this.snapshot, denied: false };
    this.emit();
  }

  /** Connects (again); cancels a pending destroy (React may unmount and remount at once). */
  start(): void {
    clearTimeout(this.destroyTimer);
    this.provider.connect();
  }

  /** Disconnects, and lets go of everything unless started again right away. */
  stop(): void {
    this.provider.disconnect();
    this.destroyTimer = setTimeout(() => this.destroy(), 1000);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.destroyTimer);
    this.provider.destroy();
    void this.idb?.destroy();
    this.doc.destroy();
  }

  /** Forgets this doc's local copy (memory and offline store): the next connection starts from the server's. */
  async discardLocal(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.destroyTimer);
    this.provider.destroy();
    try {
      await this.idb?.clearData();
    } finally {
      this.doc.destroy();
    }
  }

  private update(): void {
    const p = this.provider;
    let save: SaveState;
    if (this.snapshot.refusedCode !== null && !p.wsconnected) save = 'refused';
    else if (p.wsconnected) save = p.synced && this.stored >= this.sent ? 'saved' : 'syncing';
    else if (p.wsconnecting && this.snapshot.save === 'connecting') save = 'connecting';
    else save = 'offline';
    if (save !== this.snapshot.save) {
      this.snapshot = { ...this.snapshot, save };
      this.emit();
    }
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
