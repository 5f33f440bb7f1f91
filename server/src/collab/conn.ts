/** A connection and a loaded doc as the collab core keeps them, and the socket listeners they share. */
import type * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { WebSocket, type RawData } from 'ws';
import type { Presence } from './awarenessGuard.js';
import { RateBucket, type CollabLimits } from './limits.js';

/** What the core calls back on a connection's socket events. */
export interface ConnOwner<Ctx> {
  onMessage(conn: Conn<Ctx>, data: RawData): void;
  onClose(conn: Conn<Ctx>): void;
}

export interface Conn<Ctx> {
  ws: WebSocket;
  ctx: Ctx;
  doc: DocState<Ctx>;
  server: ConnOwner<Ctx>;
  alive: boolean;
  /** Who this is to the others (from the credential), or null when the server has no presence hook. */
  presence: Presence | null;
  /** The one awareness client id this connection may set, bound to the first it announces; null until then. */
  awarenessId: number | null;
  /** Rate limits (null: not limited), shared by one person's connections to the doc. */
  limits: RateBuckets | null;
  /** The newest awareness update held back by the rate limit, sent when the bucket allows. */
  heldAwareness: Uint8Array | null;
  awarenessTimer: NodeJS.Timeout | null;
  /** Messages waiting, in order, while a write gate is read (null: none under way). */
  backlog: RawData[] | null;
}

export interface RateBuckets {
  updates: RateBucket;
  bytes: RateBucket;
  awareness: RateBucket;
  syncRequests: RateBucket;
}

export function newRateBuckets(
  rates: Pick<CollabLimits, 'updateRate' | 'updateByteRate' | 'awarenessRate' | 'syncRequestRate'>,
  now: () => number,
): RateBuckets {
  return {
    updates: new RateBucket(rates.updateRate, now),
    bytes: new RateBucket(rates.updateByteRate, now),
    awareness: new RateBucket(rates.awarenessRate, now),
    syncRequests: new RateBucket(rates.syncRequestRate, now),
  };
}

/** The buckets of one person on a doc (`key`), kept on the doc; a connection with no key gets its own. */
export function rateBucketsOf<Ctx>(
  state: DocState<Ctx>,
  key: string | undefined,
  rates: Pick<CollabLimits, 'updateRate' | 'updateByteRate' | 'awarenessRate' | 'syncRequestRate'>,
  now: () => number,
): RateBuckets {
  let buckets = key === undefined ? undefined : state.rates.get(key);
  if (!buckets) {
    buckets = newRateBuckets(rates, now);
    if (key !== undefined) state.rates.set(key, buckets);
  }
  return buckets;
}

export interface DocState<Ctx> {
  name: string;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  conns: Set<Conn<Ctx>>;
  /** Serialises store-then-relay so updates are relayed in order. */
  chain: Promise<void>;
  failed: boolean;
  /** Being stored away after its last connection left. */
  unloading: boolean;
  /** An upper bound of the doc's encoded size (exact after each recount). */
  bytes: number;
  /** Awareness client id -> the live connection that holds it. */
  holders: Map<number, Conn<Ctx>>;
  /**
   * Awareness client id -> the person who used it, here or on another process (kept while the doc is loaded,
   * capped; claims.ts).
   */
  owners: Map<number, string>;
  /**
   * A person's rate buckets on this doc, kept while it is loaded: closing and reopening the connection does not
   * fill them again. At most one entry per person who has access.
   */
  rates: Map<string, RateBuckets>;
}

export type ConnSocket<Ctx> = WebSocket & { conn?: Conn<Ctx> };

export function terminateSelf(this: WebSocket): void {
  this.terminate();
}
export function onSocketMessage(this: ConnSocket<unknown>, data: RawData): void {
  const conn = this.conn;
  if (conn) conn.server.onMessage(conn, data);
}
export function onSocketPong(this: ConnSocket<unknown>): void {
  if (this.conn) this.conn.alive = true;
}
export function onSocketClose(this: ConnSocket<unknown>): void {
  const conn = this.conn;
  if (conn) conn.server.onClose(conn);
}

/** Sends one frame; a connection that reads too slowly (over `maxBufferedBytes` unsent) is cut off instead. */
export function sendTo<Ctx>(conn: Conn<Ctx>, msg: Uint8Array, maxBufferedBytes: number): void {
  const { ws } = conn;
  if (ws.readyState !== WebSocket.OPEN) return;
  if (ws.bufferedAmount > maxBufferedBytes) {
    ws.terminate();
    return;
  }
  // No per-message callback (an allocation per send on the hot path): a failed socket emits 'error'/'close'.
  ws.send(msg);
}

export function newConn<Ctx>(
  ws: WebSocket,
  ctx: Ctx,
  doc: DocState<Ctx>,
  server: ConnOwner<Ctx>,
  presence: Presence | null,
  limits: RateBuckets | null,
): Conn<Ctx> {
  return {
    ws,
    ctx,
    doc,
    server,
    alive: true,
    presence,
    awarenessId: null,
    limits,
    heldAwareness: null,
    awarenessTimer: null,
    backlog: null,
  };
}
