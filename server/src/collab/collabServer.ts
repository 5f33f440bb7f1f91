/**
 * A y-websocket-protocol sync endpoint (stock `WebsocketProvider` clients work unchanged), in the spirit of
 * Hocuspocus: a small core with hooks. `authorize` decides who may open a doc and whether they may write;
 * `load` and `store` give persistence. Every update is stored before it is relayed to anyone.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { CloseCode } from '@tandem/shared';
import { CollabRefusal, type CollabHooks, type CollabOptions } from './hooks.js';
export { CollabRefusal } from './hooks.js';
export type { CollabHooks, CollabOptions } from './hooks.js';
import { greeting, holdEarlyMessages, versionRefused } from './arrival.js';
import { answerFromStorage } from './coldStart.js';
import {
  newConn,
  onSocketClose,
  onSocketMessage,
  onSocketPong,
  terminateSelf,
  type Conn,
  type ConnSocket,
  rateBucketsOf,
  sendTo,
  type DocState,
} from './conn.js';
import { none } from './gate.js';
import { keysOf, peopleHere, remoteClaims } from './claims.js';
import { DEFAULT_LIMITS, FRAME_CAP_BYTES, checkLimits, type CollabLimits } from './limits.js';
import { MessageType, awarenessFrame, frame } from './messages.js';
import { receiveMessage } from './receive.js';
import { REMOTE, RelayInbox, remoteTarget, type CollabRelay } from './relay.js';
export { AuthSubType, MessageType } from './messages.js';

export class CollabServer<Ctx> {
  private readonly wss: WebSocketServer;
  private readonly docs = new Map<string, DocState<Ctx>>();
  private readonly loading = new Map<string, Promise<DocState<Ctx>>>();
  private readonly coldListeners = new Map<string, Set<(stored: Uint8Array[]) => void>>();
  private readonly pinger: NodeJS.Timeout;
  private readonly limits: CollabLimits;
  private readonly now: () => number;
  private readonly relay: CollabRelay | null;
  private closed = false;

  constructor(
    private readonly hooks: CollabHooks<Ctx>,
    options: CollabOptions = {},
  ) {
    this.limits = checkLimits({
      ...DEFAULT_LIMITS,
      ...(options.maxMessageBytes !== undefined ? { maxMessageBytes: options.maxMessageBytes } : {}),
      ...(options.maxBufferedBytes !== undefined ? { maxBufferedBytes: options.maxBufferedBytes } : {}),
      ...options.limits,
    });
    this.now = options.now ?? Date.now;
    this.relay = options.relay ?? null;
    this.wss = new WebSocketServer({
      noServer: true,
      // Frames up to the cap are read and refused with our named code (MESSAGE_TOO_LARGE) in receive.ts; bigger
      // ones are cut by ws while they arrive (1009), never buffered whole.
      maxPayload: Math.max(FRAME_CAP_BYTES, this.limits.maxMessageBytes),
      perMessageDeflate: false,
    });
    this.pinger = setInterval(() => this.ping(), options.pingIntervalMs ?? 30_000);
    this.pinger.unref();
  }

  /** Number of loaded docs and open connections (for health and benchmarks). */
  stats(): { docs: number; conns: number } {
    let conns = 0;
    for (const d of this.docs.values()) conns += d.conns.size;
    return { docs: this.docs.size, conns };
  }

  /** The loaded doc, if any (tests and server-side features read it). */
  loadedDoc(name: string): Y.Doc | undefined {
    return this.docs.get(name)?.doc;
  }

  /** The loaded doc's awareness, if any (tests read it). */
  loadedDocAwareness(name: string): awarenessProtocol.Awareness | undefined {
    return this.docs.get(name)?.awareness;
  }

  /** Opens a doc server-side (loading it if needed), runs fn, and lets it unload again if nobody is connected. */
  async withDoc<T>(name: string, fn: (doc: Y.Doc) => T): Promise<T> {
    const state = await this.getDoc(name);
    try {
      return fn(state.doc);
    } finally {
      this.maybeUnload(state);
    }
  }

  /** Who holds the open connections, one entry per connection (e.g. to check them again after a rule changed). */
  contexts(): Ctx[] {
    const out: Ctx[] = [];
    for (const d of this.docs.values()) for (const c of d.conns) out.push(c.ctx);
    return out;
  }

  /** Closes every connection for which the predicate holds (e.g. a session ended, a link was revoked). */
  disconnectWhere(predicate: (ctx: Ctx, docName: string) => boolean, code: number, reason: string): void {
    for (const d of this.docs.values()) {
      for (const c of d.conns) if (predicate(c.ctx, d.name)) c.ws.close(code, reason);
    }
  }

  /** Drops docs whose data is deleted: connections close (FORBIDDEN), nothing more is stored, memory is freed. */
  async purge(names: ReadonlySet<string>, reason: string): Promise<void> {
    const loading = [...this.loading.entries()].filter(([name]) => names.has(name)).map(([, p]) => p);
    await Promise.allSettled(loading);
    const dropped: DocState<Ctx>[] = [];
    for (const state of this.docs.values()) {
      if (!names.has(state.name)) continue;
      state.failed = true;
      for (const c of state.conns) c.ws.close(CloseCode.FORBIDDEN, reason);
      dropped.push(state);
    }
    for (const state of dropped) {
      this.docs.delete(state.name);
      this.relay?.leave(state.name);
      await state.chain.catch(() => undefined);
      state.awareness.destroy();
      state.doc.destroy();
    }
  }

  /** Upgrade handler for `<prefix>/<docName>?params`. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, prefix: string): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      let docName: string;
      try {
        docName = decodeURIComponent(url.pathname.slice(prefix.length + 1));
      } catch {
        ws.close(CloseCode.BAD_MESSAGE, 'Bad document name');
        return;
      }
      this.accept(ws, req, docName, url.searchParams).catch((err: unknown) => this.hooks.onError?.(err, docName));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pinger);
    for (const d of this.docs.values()) for (const c of d.conns) c.ws.terminate();
    await Promise.all([...this.docs.values()].map((d) => d.chain));
    this.wss.close();
  }

  private async accept(ws: WebSocket, req: IncomingMessage, docName: string, params: URLSearchParams): Promise<void> {
    // Messages that arrive while we authorize and load are kept, in order.
    const { early, release } = holdEarlyMessages(ws);
    ws.on('error', terminateSelf);
    if (versionRefused(ws, params)) return;

    let ctx: Ctx;
    let state: DocState<Ctx>;
    try {
      ctx = await this.hooks.authorize(req, docName, params);
      if (!this.docs.has(docName) && !this.loading.has(docName)) {
        // Cold doc: answer from the stored bytes as soon as they are read, before the doc is rebuilt from them.
        this.onStoredBytes(docName, (stored) => {
          answerFromStorage(ws, stored, early, this.limits.maxDocBytes);
        });
      }
      state = await this.getDoc(docName);
    } catch (err) {
      if (err instanceof CollabRefusal) ws.close(err.code, err.message.slice(0, 120));
      else {
        this.hooks.onError?.(err, docName);
        ws.close(CloseCode.INTERNAL, 'Could not open the document');
      }
      return;
    }
    if (ws.readyState !== WebSocket.OPEN || this.closed) {
      this.maybeUnload(state);
      return;
    }
    const person = this.hooks.rateKey?.(ctx);
    const refused =
      state.conns.size >= this.limits.maxConnections
        ? 'Too many connections to this document'
        : person !== undefined && this.connectionsOf(state, person) >= this.limits.maxConnectionsPerPerson
          ? 'Too many of your connections to this document'
          : null;
    if (refused) {
      ws.close(CloseCode.TOO_MANY_CONNECTIONS, refused);
      this.maybeUnload(state);
      return;
    }
    const limited = this.hooks.rateLimited?.(ctx) ?? true;
    const rates = limited ? rateBucketsOf(state, person, this.limits, this.now) : null;
    const conn = newConn(ws, ctx, state, this, this.hooks.presence?.(ctx) ?? null, rates);
    state.conns.add(conn);
    release();
    // Shared listeners (no closures per connection: thousands of idle rooms add up); the conn rides on the socket.
    (ws as ConnSocket<Ctx>).conn = conn;
    ws.on('message', onSocketMessage);
    ws.on('pong', onSocketPong);
    ws.on('close', onSocketClose);

    for (const msg of greeting(state.doc, state.awareness)) this.send(conn, msg);
    for (const data of early) this.onMessage(conn, data);
  }

  /** This person's open connections to the doc (on this process); one the server is closing no longer counts. */
  private connectionsOf(state: DocState<Ctx>, person: string): number {
    let count = 0;
    for (const c of state.conns) {
      if (c.ws.readyState === WebSocket.OPEN && this.hooks.rateKey?.(c.ctx) === person) count += 1;
    }
    return count;
  }

  private getDoc(name: string): Promise<DocState<Ctx>> {
    const loaded = this.docs.get(name);
    if (loaded) return Promise.resolve(loaded);
    let pending = this.loading.get(name);
    if (!pending) {
      pending = this.loadDoc(name).finally(() => {
        this.loading.delete(name);
        this.coldListeners.delete(name);
      });
      this.loading.set(name, pending);
    }
    return pending;
  }

  private onStoredBytes(name: string, listener: (stored: Uint8Array[]) => void): void {
    let set = this.coldListeners.get(name);
    if (!set) this.coldListeners.set(name, (set = new Set()));
    set.add(listener);
  }

  private async loadDoc(name: string): Promise<DocState<Ctx>> {
    const doc = new Y.Doc({ gc: true });
    // Subscribed before reading storage: what another process stores after the read arrives through the relay.
    const inbox = this.relay ? new RelayInbox() : null;
    if (inbox) await this.relay?.join(name, inbox);
    const updates = await this.hooks.load(name).catch((err: unknown) => {
      this.relay?.leave(name);
      throw err;
    });
    const listeners = this.coldListeners.get(name);
    this.coldListeners.delete(name);
    for (const listener of listeners ?? []) listener(updates);
    if (updates.length > 0) {
      Y.transact(
        doc,
        () => {
          for (const u of updates) Y.applyUpdate(doc, u);
        },
        'load',
      );
    }
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null); // the server has no presence of its own
    const state: DocState<Ctx> = {
      name,
      doc,
      awareness,
      conns: new Set(),
      chain: Promise.resolve(),
      failed: false,
      unloading: false,
      // The stored bytes bound the doc's size from above (until the first recount).
      bytes: updates.reduce((n, u) => n + u.length, 0),
      holders: new Map(),
      owners: new Map(),
      rates: new Map(),
    };

    doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(state, update, origin));
    type Changes = { added: number[]; updated: number[]; removed: number[] };
    awareness.on('update', ({ added, updated, removed }: Changes, origin: unknown) => {
      const changed = added.concat(updated, removed);
      const msg = awarenessFrame(awareness, changed);
      for (const c of state.conns) this.send(c, msg);
      // Our clients' changes go to the other processes; theirs came from there, and 'timeout' is each one's own.
      if (this.relay && origin !== REMOTE && origin !== 'timeout') {
        const update = awarenessProtocol.encodeAwarenessUpdate(awareness, changed);
        this.relay.publishAwareness(name, update, keysOf(state, changed));
      }
    });
    this.docs.set(name, state);
    const live = () => this.docs.get(name) === state && !state.failed;
    inbox?.bind(
      remoteTarget(
        doc,
        awareness,
        remoteClaims(state),
        () => {
          const here = peopleHere(state);
          if (here) this.relay?.publishAwareness(name, here.update, here.keys);
        },
        () => this.hooks.load(name),
        live,
        (e) => this.hooks.onError?.(e, name),
      ),
    );
    return state;
  }

  /**
   * Store first, then relay to everyone but the sender (and to the other processes), in order. An update from
   * another process was stored there: it is only relayed to this process's clients.
   */
  private onDocUpdate(state: DocState<Ctx>, update: Uint8Array, origin: unknown): void {
    const relayHere = () => {
      const msg = frame((enc) => {
        encoding.writeVarUint(enc, MessageType.SYNC);
        syncProtocol.writeUpdate(enc, update);
      });
      for (const c of state.conns) if (c !== origin) this.send(c, msg);
    };
    if (origin === REMOTE) {
      state.bytes += update.length;
      state.chain = state.chain.then(relayHere);
      return;
    }
    const stored = this.hooks.store(state.name, update, state.doc);
    state.chain = state.chain
      .then(() => stored)
      .then(
        () => {
          relayHere();
          this.relay?.publishUpdate(state.name, update);
        },
        (err: unknown) => {
          // Nothing unstored may be relayed: drop everyone; clients resend what we lack when they reconnect.
          this.hooks.onError?.(err, state.name);
          state.failed = true;
          for (const c of state.conns) c.ws.close(CloseCode.INTERNAL, 'Could not save');
        },
      );
  }

  /** @internal */
  onMessage(conn: Conn<Ctx>, data: RawData): void {
    if (conn.backlog) conn.backlog.push(data);
    else receiveMessage(conn, data, null, none, this.hooks, this.limits);
  }

  private send(conn: Conn<Ctx>, msg: Uint8Array): void {
    sendTo(conn, msg, this.limits.maxBufferedBytes);
  }

  /** @internal */
  onClose(conn: Conn<Ctx>): void {
    const state = conn.doc;
    if (!state.conns.delete(conn)) return;
    if (conn.awarenessTimer) clearTimeout(conn.awarenessTimer);
    const id = conn.awarenessId;
    if (id !== null && state.holders.get(id) === conn) {
      state.holders.delete(id);
      awarenessProtocol.removeAwarenessStates(state.awareness, [id], null);
    }
    this.maybeUnload(state);
  }

  private maybeUnload(state: DocState<Ctx>): void {
    if (state.conns.size > 0 || state.unloading) return;
    state.unloading = true;
    void state.chain.then(async () => {
      try {
        // The doc stays registered while it is stored away: someone arriving meanwhile keeps using it.
        if (state.conns.size === 0 && !state.failed) await this.hooks.unload?.(state.name, state.doc);
      } catch (err) {
        this.hooks.onError?.(err, state.name);
      }
      state.unloading = false;
      if (this.docs.get(state.name) !== state) return;
      if (state.conns.size > 0 && !state.failed) return;
      this.docs.delete(state.name);
      this.relay?.leave(state.name);
      state.awareness.destroy();
      state.doc.destroy();
    });
  }

  private ping(): void {
    for (const d of this.docs.values()) {
      for (const c of d.conns) {
        if (!c.alive) {
          c.ws.terminate();
          continue;
        }
        c.alive = false;
        c.ws.ping();
      }
    }
  }
}
