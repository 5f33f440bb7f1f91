/** The collab core's extension points: who may connect and write, and where docs are kept. */
import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import type { Presence } from './awarenessGuard.js';
import type { CollabLimits } from './limits.js';
import type { CollabRelay } from './relay.js';

/** Thrown by `authorize` to refuse a connection with a close code. */
export class CollabRefusal extends Error {
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(reason);
  }
}

export interface CollabHooks<Ctx> {
  /** Who is connecting to which doc; throw CollabRefusal to refuse. */
  authorize(req: IncomingMessage, docName: string, params: URLSearchParams): Promise<Ctx>;
  /**
   * A fact from outside this process that an update from this connection needs before it is judged (e.g. a lock
   * another process may have set a moment ago): null when none is needed, a boolean when known at once, or a read
   * under way, during which this connection's messages wait in order. Its value reaches `canWrite` as `barred`; a
   * read that fails closes the connection (fail closed: nothing is applied).
   */
  writeGate?(ctx: Ctx, docName: string): boolean | Promise<boolean> | null;
  /**
   * May this connection apply this update to the doc now? Checked on every update before it is applied
   * (`doc` is the server's copy, unchanged); false refuses the whole message.
   */
  canWrite(ctx: Ctx, docName: string, update: Uint8Array, doc: Y.Doc, barred: boolean): boolean;
  /** Stored updates of a doc, oldest first (a snapshot counts as one). */
  load(docName: string): Promise<Uint8Array[]>;
  /** Durably stores one update; the update is relayed only after this resolves. */
  store(docName: string, update: Uint8Array, doc: Y.Doc): Promise<void>;
  /** Called when a doc has no connections left and its writes have settled, before it is dropped. */
  unload?(docName: string, doc: Y.Doc): Promise<void>;
  onError?(err: unknown, docName: string): void;
  /** Whether this connection is unseen by the others: its awareness is dropped, never applied or relayed. */
  unseen?(ctx: Ctx): boolean;
  /** Who this connection is to the others: its awareness `user.name`/`user.role` are set from this. */
  presence?(ctx: Ctx): Presence;
  /** Whether this connection's rates are limited (default: yes; only benchmark connections are not). */
  rateLimited?(ctx: Ctx): boolean;
  /**
   * Who is rate limited: connections with the same key share their buckets on a doc, so reconnecting does not
   * refill them (default, or undefined: each connection has its own).
   */
  rateKey?(ctx: Ctx): string | undefined;
}

export interface CollabOptions {
  /** Largest accepted message; bigger ones close that connection (MESSAGE_TOO_LARGE). */
  maxMessageBytes?: number;
  /** Ping interval; a connection that missed one pong is dropped. */
  pingIntervalMs?: number;
  /** A connection whose unsent backlog exceeds this is dropped. */
  maxBufferedBytes?: number;
  /** Other limits (defaults: shared/collabProtocol.ts); checked so that an accepted doc is always sendable. */
  limits?: Partial<CollabLimits>;
  /** The clock of the rate limits (ms). */
  now?: () => number;
  /** Several processes (relay.ts): updates and awareness reach the same doc's clients on the others. */
  relay?: CollabRelay;
}
