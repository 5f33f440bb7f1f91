/**
 * One Yjs doc of the workspace: a stock y-websocket provider to our /collab endpoint, IndexedDB so edits made
 * offline survive a closed tab, and an honest save state: the server sends one STORED ack per update message
 * once it is durable, and we count them against what we sent.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { COLLAB_PATH } from '@tandem/shared';

export type SaveState = 'connecting' | 'syncing' | 'saved' | 'offline' | 'refused';

export interface CollabSnapshot {
  save: SaveState;
  /** The close code the server refused us with (4401, 4403, 4410…). */
  refusedCode: number | null;
  /** The server refused an edit (the map is locked). */
  denied: boolean;
}

const MESSAGE_AUTH = 2;
const AUTH_STORED = 1;
const AUTH_DENIED = 0;

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
  private snapshot: CollabSnapshot = { save: 'connecting', refusedCode: null, denied: false };
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly docName: string,
    params: Record<string, string>,
    options: { offline?: boolean } = {},
  ) {
    const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${COLLAB_PATH}`;
    this.idb = options.offline === false ? null : new IndexeddbPersistence(`tandem:${docName}`, this.doc);
    this.provider = new WebsocketProvider(base, docName, this.doc, { params, maxBackoffTime: 5000, connect: false });

    const original = this.provider.messageHandlers[MESSAGE_AUTH] as AuthHandler;
    this.provider.messageHandlers[MESSAGE_AUTH] = (encoder, decoder, provider, emitSynced, type) => {
      const peek = decoding.clone(decoder);
      const sub = decoding.readVarUint(peek);
      if (sub === AUTH_STORED) {
        this.stored++;
        this.update();
        return;
      }
      if (sub === AUTH_DENIED) {
        this.stored++; // refused messages are answered too; nothing is pending for them
        this.snapshot = { ...this.snapshot, denied: true };
        this.update();
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
      if (event && event.code >= 4400 && event.code < 4500) {
        this.snapshot = { ...this.snapshot, refusedCode: event.code };
      }
      this.update();
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
