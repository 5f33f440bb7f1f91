/**
 * What a connection may change, checked before anything is applied: the rate and size of its updates against
 * the doc's quota, and its awareness (only its own entry, at its rate). Refusals close the connection with a
 * named code (CloseCode) and change nothing.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '@tandem/shared';
import { ownAwareness } from './awarenessGuard.js';
import { claim } from './claims.js';
import type { Conn } from './conn.js';
import { encodedSize, growthBound, type CollabLimits } from './limits.js';

/**
 * Rate and quota of one update: returns how much it may grow the doc, or -1 when it was refused (the connection
 * is then closing: nothing is applied, stored or relayed).
 *
 * Why a close and not a y-protocols permission-denied: the sender's doc already holds the update, and every later
 * edit of that Yjs client builds on it, so a silently dropped update leaves the two diverged. Closed, a client
 * reconnects and sends what the server lacks in one step 2, which is judged again: an honest client over the rate
 * loses nothing; one over the quota is told so (our client stops and shows it instead of retrying).
 */
export function admitUpdate<Ctx>(conn: Conn<Ctx>, update: Uint8Array, limits: CollabLimits): number {
  const rates = conn.limits;
  if (rates && !(rates.updates.take() && rates.bytes.take(update.length))) {
    conn.ws.close(CloseCode.RATE_LIMITED, 'Too many changes at once');
    return -1;
  }
  const state = conn.doc;
  const growth = growthBound(update);
  if (state.bytes + growth > limits.maxDocBytes) {
    // The estimate only grows: count exactly (deletions shrink a doc), then judge this update by its bound.
    state.bytes = encodedSize(state.doc);
    if (state.bytes + growth > limits.maxDocBytes) {
      conn.ws.close(CloseCode.DOC_QUOTA, 'The document is full');
      return -1;
    }
  }
  return growth;
}

/**
 * A sync step 1 makes the server encode what the client lacks, up to the whole doc: a client sends one when it
 * connects (and on a resync interval, if set), so a few are allowed and then one every few seconds, so that one
 * connection cannot make the server encode the doc in a loop. Returns false when refused (the connection is then
 * closing).
 */
export function admitSyncRequest<Ctx>(conn: Conn<Ctx>): boolean {
  const rates = conn.limits;
  if (rates && !rates.syncRequests.take()) {
    conn.ws.close(CloseCode.RATE_LIMITED, 'Too many requests at once');
    return false;
  }
  return true;
}

/** Whether a request for everyone's awareness may be answered now (else it is ignored: the states come anyway). */
export const admitAwarenessQuery = <Ctx>(conn: Conn<Ctx>): boolean => conn.limits?.awareness.take() ?? true;

/** A connection's awareness message: its own entry only (awarenessGuard.ts), at most at its rate. */
export function receiveAwareness<Ctx>(conn: Conn<Ctx>, update: Uint8Array, limits: CollabLimits): void {
  const own = ownAwareness(update, (id) => claim(conn, id), conn.presence, limits.maxAwarenessBytes);
  if (own) applyAwareness(conn, own);
}

/**
 * Over the rate, the newest state waits for the bucket (in order, the older ones replaced): awareness is a state,
 * not a log, and cursors move at pointer rate, so holding back is fairer than refusing.
 */
function applyAwareness<Ctx>(conn: Conn<Ctx>, own: Uint8Array): void {
  const bucket = conn.limits?.awareness;
  if (!bucket || (conn.awarenessTimer === null && bucket.take())) {
    awarenessProtocol.applyAwarenessUpdate(conn.doc.awareness, own, conn);
    return;
  }
  conn.heldAwareness = own;
  conn.awarenessTimer ??= setTimeout(
    () => {
      conn.awarenessTimer = null;
      const held = conn.heldAwareness;
      conn.heldAwareness = null;
      if (held && conn.doc.conns.has(conn)) applyAwareness(conn, held);
    },
    Math.max(1, bucket.waitMs()),
  );
}
