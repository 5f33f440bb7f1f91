/**
 * The Yjs wire as Tandem speaks it on `/collab/<doc>`: the y-websocket protocol (y-protocols sync + awareness)
 * plus our extension of its AUTH message, and the limits the server enforces on every message. Server and
 * client both import from here; a change to the extension bumps `COLLAB_PROTOCOL_VERSION`.
 *
 * Clients send `v=<COLLAB_PROTOCOL_VERSION>` in the URL; a mismatch is closed with `CloseCode.PROTOCOL_MISMATCH`
 * (stock clients that send no version are served as they are: they ignore our extension).
 */
export const COLLAB_PROTOCOL_VERSION = 2;

/** Top-level message types (y-websocket's). */
export const CollabMessageType = { SYNC: 0, AWARENESS: 1, AUTH: 2, QUERY_AWARENESS: 3 } as const;
export type CollabMessageType = (typeof CollabMessageType)[keyof typeof CollabMessageType];

/**
 * Sub-types of the AUTH message the server sends. `PERMISSION_DENIED` is y-protocols' own (stock clients log it):
 * the update was refused and changed nothing. `STORED` is ours (stock clients ignore unknown sub-types): one per
 * update or step-2 message of a connection, once everything up to it is durable; clients count them to show
 * "saved".
 */
export const CollabAuthSubType = { PERMISSION_DENIED: 0, STORED: 1 } as const;
export type CollabAuthSubType = (typeof CollabAuthSubType)[keyof typeof CollabAuthSubType];

/**
 * Largest message (one update, step 2 or awareness update). Typing sends a few bytes, a paste a few KB; a card
 * label or note field has its own, smaller maximum checked by the map. Bigger: `CloseCode.MESSAGE_TOO_LARGE`.
 */
export const COLLAB_MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * Largest doc (its encoded state, what a late joiner receives in one step 2). An update that would make the doc
 * bigger is refused (`CloseCode.DOC_QUOTA`) before it is applied or stored. A year of weekly sessions of a busy
 * couple's map is a few hundred KB.
 */
export const COLLAB_MAX_DOC_BYTES = 2 * 1024 * 1024;

/** Largest awareness state of one person (name, role, colour, cursor, selection). Bigger: MESSAGE_TOO_LARGE. */
export const COLLAB_MAX_AWARENESS_BYTES = 4 * 1024;

/** Connections to one doc at once (people × tabs); more: `CloseCode.TOO_MANY_CONNECTIONS`. */
export const COLLAB_MAX_CONNECTIONS_PER_DOC = 16;

/**
 * Connections of one person to one doc at once (a phone and a laptop, a reloaded tab whose old socket has not
 * closed yet); more: `CloseCode.TOO_MANY_CONNECTIONS`. Without it one partner could take every seat of the shared
 * map and keep the therapist and the other partner out; with it, four people at most four each fill the doc.
 */
export const COLLAB_MAX_CONNECTIONS_PER_PERSON = 4;

/** A token bucket: `burst` at once, then `perSecond`. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

/**
 * Updates per connection: messages and bytes. A person types a few characters a second and drags at 20 Hz at
 * most; going over is closed with `CloseCode.RATE_LIMITED` (the client reconnects after a pause and resends
 * what the server lacks in one step 2, so nothing is lost).
 */
export const COLLAB_UPDATE_RATE: RateLimit = { burst: 100, perSecond: 30 };
export const COLLAB_UPDATE_BYTE_RATE: RateLimit = { burst: 2 * COLLAB_MAX_MESSAGE_BYTES, perSecond: 128 * 1024 };

/**
 * Awareness messages per connection. Cursors move at pointer rate: over the limit, the newest state is held and
 * sent when the bucket allows (never dropped, never closed: awareness is a replaceable state, not a log).
 */
export const COLLAB_AWARENESS_RATE: RateLimit = { burst: 20, perSecond: 15 };

/** A connection whose unsent backlog exceeds this is dropped (a reader that cannot keep up). */
export const COLLAB_SEND_BACKLOG_BYTES = 16 * 1024 * 1024;

/**
 * The server can always send an accepted doc to a late joiner: its greeting (every awareness state), the whole
 * doc, and what the others may send meanwhile (each one's byte burst) fit in the send backlog, with room to spare.
 */
export function collabBacklogNeeded(limits: {
  maxDocBytes: number;
  maxAwarenessBytes: number;
  maxConnections: number;
  updateByteBurst: number;
}): number {
  return limits.maxDocBytes + limits.maxConnections * (limits.maxAwarenessBytes + limits.updateByteBurst);
}
