/** What one connection may send and how big a doc may grow: the numbers (shared) and the checks. */
import * as Y from 'yjs';
import {
  COLLAB_AWARENESS_RATE,
  COLLAB_MAX_AWARENESS_BYTES,
  COLLAB_MAX_CONNECTIONS_PER_DOC,
  COLLAB_MAX_CONNECTIONS_PER_PERSON,
  COLLAB_MAX_DOC_BYTES,
  COLLAB_MAX_MESSAGE_BYTES,
  COLLAB_SEND_BACKLOG_BYTES,
  COLLAB_UPDATE_BYTE_RATE,
  COLLAB_UPDATE_RATE,
  collabBacklogNeeded,
  type RateLimit,
} from '@tandem/shared';

/**
 * Frames up to this size are read whole and refused by name (MESSAGE_TOO_LARGE, which our client and stock
 * y-websocket treat as final); bigger ones are cut by ws while they arrive, with 1009.
 */
export const FRAME_CAP_BYTES = 4 * 1024 * 1024;

export interface CollabLimits {
  maxMessageBytes: number;
  maxDocBytes: number;
  maxAwarenessBytes: number;
  maxConnections: number;
  /** Of one person (the hooks' `rateKey`) to one doc. */
  maxConnectionsPerPerson: number;
  maxBufferedBytes: number;
  updateRate: RateLimit;
  updateByteRate: RateLimit;
  awarenessRate: RateLimit;
  /** Sync step 1 requests (each makes the server encode up to the whole doc). */
  syncRequestRate: RateLimit;
}

export const DEFAULT_LIMITS: CollabLimits = {
  maxMessageBytes: COLLAB_MAX_MESSAGE_BYTES,
  maxDocBytes: COLLAB_MAX_DOC_BYTES,
  maxAwarenessBytes: COLLAB_MAX_AWARENESS_BYTES,
  maxConnections: COLLAB_MAX_CONNECTIONS_PER_DOC,
  maxConnectionsPerPerson: COLLAB_MAX_CONNECTIONS_PER_PERSON,
  maxBufferedBytes: COLLAB_SEND_BACKLOG_BYTES,
  updateRate: COLLAB_UPDATE_RATE,
  updateByteRate: COLLAB_UPDATE_BYTE_RATE,
  awarenessRate: COLLAB_AWARENESS_RATE,
  syncRequestRate: { burst: 20, perSecond: 1 },
};

/**
 * Refuses limits under which an accepted doc could be unsendable: the doc, every awareness state and the others'
 * update bursts must fit in the send backlog together (a late joiner receives all of them at once).
 */
export function checkLimits(limits: CollabLimits): CollabLimits {
  const needed = collabBacklogNeeded({
    maxDocBytes: limits.maxDocBytes,
    maxAwarenessBytes: limits.maxAwarenessBytes,
    maxConnections: limits.maxConnections,
    updateByteBurst: limits.updateByteRate.burst,
  });
  if (needed >= limits.maxBufferedBytes) {
    throw new Error(
      `collab limits: a late joiner may need ${needed} bytes, the send backlog is ${limits.maxBufferedBytes}`,
    );
  }
  if (limits.maxMessageBytes > limits.updateByteRate.burst) {
    throw new Error('collab limits: the byte burst must allow one message of the largest size');
  }
  return limits;
}

/** A token bucket over an injected clock (ms). */
export class RateBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
  ) {
    this.tokens = limit.burst;
    this.last = now();
  }

  /** Takes `n` tokens if there are that many. */
  take(n = 1): boolean {
    this.refill();
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /** Milliseconds until `n` tokens are there. */
  waitMs(n = 1): number {
    this.refill();
    return this.tokens >= n ? 0 : Math.ceil(((n - this.tokens) / this.limit.perSecond) * 1000);
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((t - this.last) * this.limit.perSecond) / 1000);
    this.last = t;
  }
}

/**
 * Bytes one struct or delete range can add to a doc's encoding beyond its own bytes in the update: inserting
 * into or deleting from the middle of an item splits it, and each part carries its own header (info, origin,
 * right origin: at most 1 + 2 × (5 + 5) bytes as varuints), rounded up.
 */
const SPLIT_BYTES = 32;

/**
 * An upper bound on how much applying `update` can grow the doc's encoded state: its own bytes plus one split per
 * struct and two per delete range. Throws on a malformed update.
 */
export function growthBound(update: Uint8Array): number {
  const { structs, ds } = Y.decodeUpdate(update);
  let ranges = 0;
  for (const list of ds.clients.values()) ranges += list.length;
  return update.length + SPLIT_BYTES * (structs.length + 2 * ranges);
}

/** The doc's encoded state size: what a late joiner receives. */
export const encodedSize = (doc: Y.Doc): number => Y.encodeStateAsUpdate(doc).length;
