/** The collab core's extension points: who may connect and write, and where docs are kept. */
import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';

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
   * May this connection apply this update to the doc now? Checked on every update before it is applied
   * (`doc` is the server's copy, unchanged); false refuses the whole message.
   */
  canWrite(ctx: Ctx, docName: string, update: Uint8Array, doc: Y.Doc): boolean;
  /** Stored updates of a doc, oldest first (a snapshot counts as one). */
  load(docName: string): Promise<Uint8Array[]>;
  /** Durably stores one update; the update is relayed only after this resolves. */
  store(docName: string, update: Uint8Array, doc: Y.Doc): Promise<void>;
  /** Called when a doc has no connections left and its writes have settled, before it is dropped. */
  unload?(docName: string, doc: Y.Doc): Promise<void>;
  onError?(err: unknown, docName: string): void;
}

export interface CollabOptions {
  /** Largest accepted message; bigger ones close that connection (1009). */
  maxMessageBytes?: number;
  /** Ping interval; a connection that missed one pong is dropped. */
  pingIntervalMs?: number;
  /** A connection whose unsent backlog exceeds this is dropped. */
  maxBufferedBytes?: number;
}
