/**
 * The collab core's link to the other processes of one practice (issue 17): what one process's clients change in
 * a doc reaches the clients of the same doc on the others. The core publishes an update once it is stored (it was
 * judged by every check on the way in), and applies what others publish with the origin REMOTE: relayed to its
 * own clients, never stored again and never judged again. The transport (Redis) lives in server/src/scale/.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { AwarenessKeys, RelayedIds, RemoteClaims } from './claims.js';

/** The origin of changes that came from another process. */
export const REMOTE = Symbol('remote');

/** What a process does with one doc's messages from the others. */
export interface RelayTarget {
  /** An update another process stored. */
  update(update: Uint8Array): void;
  /** An awareness update of another process's clients, with the person key of each client id (claims.ts). */
  awareness(update: Uint8Array, keys: AwarenessKeys): void;
  /** Who uses these awareness client ids on other processes (read when the doc is loaded; claims.ts). */
  claims(keys: AwarenessKeys): void;
  /**
   * A process that relayed these awareness client ids (with the person key each came with) is gone: remove their
   * entries, unless the id is now someone else's or held here (claims.ts `gone`).
   */
  forget(ids: RelayedIds): void;
  /** Another process has loaded the doc: publish the awareness of this process's people on it. */
  present(): void;
  /** Messages may have been missed (the transport was away): catch up from storage. */
  resync(): void;
}

export interface CollabRelay {
  /**
   * Starts receiving a doc's messages, before it is read from storage (so nothing stored in between is missed);
   * resolves once subscribed, or at once when the transport is away (the target is then resynced once it is back).
   */
  join(docName: string, target: RelayTarget): Promise<void>;
  leave(docName: string): void;
  publishUpdate(docName: string, update: Uint8Array): void;
  /** `keys`: the person who uses each client id of the update (the others refuse that id to anyone else). */
  publishAwareness(docName: string, update: Uint8Array, keys: AwarenessKeys): void;
}

/**
 * A doc's target while it is being loaded: messages from others wait, in order, until the doc exists (`bind`),
 * and a resync asked meanwhile is not needed (the load reads storage after the subscription).
 */
export class RelayInbox implements RelayTarget {
  private queued: Array<(t: RelayTarget) => void> | null = [];
  private target: RelayTarget | null = null;

  update(update: Uint8Array): void {
    this.deliver((t) => t.update(update));
  }
  awareness(update: Uint8Array, keys: AwarenessKeys): void {
    this.deliver((t) => t.awareness(update, keys));
  }
  claims(keys: AwarenessKeys): void {
    this.deliver((t) => t.claims(keys));
  }
  forget(ids: RelayedIds): void {
    this.deliver((t) => t.forget(ids));
  }
  present(): void {
    this.target?.present(); // nobody is connected here before the doc is loaded
  }
  resync(): void {
    if (this.target) this.target.resync();
  }
  bind(target: RelayTarget): void {
    this.target = target;
    for (const run of this.queued ?? []) run(target);
    this.queued = null;
  }
  private deliver(run: (t: RelayTarget) => void): void {
    if (this.target) run(this.target);
    else this.queued?.push(run);
  }
}

/**
 * Applies another process's messages to a loaded doc (while `live()` holds): the doc's listeners relay them to
 * this process's clients. Awareness is applied as far as `claims` admits it (claims.ts). A resync reads
 * the doc from storage and applies what is missing (Yjs ignores the rest).
 */
export function remoteTarget(
  doc: Y.Doc,
  awareness: awarenessProtocol.Awareness,
  claims: RemoteClaims,
  present: () => void,
  load: () => Promise<Uint8Array[]>,
  live: () => boolean,
  onError: (err: unknown) => void,
): RelayTarget {
  const guarded = (fn: () => void) => {
    if (!live()) return;
    try {
      fn();
    } catch (err) {
      onError(err);
    }
  };
  return {
    update: (update) => guarded(() => Y.applyUpdate(doc, update, REMOTE)),
    awareness: (update, keys) =>
      guarded(() => {
        const kept = claims.admit(update, keys);
        if (kept) awarenessProtocol.applyAwarenessUpdate(awareness, kept, REMOTE);
      }),
    claims: (keys) => guarded(() => claims.learn(keys)),
    forget: (ids) =>
      guarded(() => {
        const gone = claims.gone(ids);
        if (gone.length === 0) return;
        // Sent to this process's clients (the update listener, origin REMOTE), not relayed back.
        awarenessProtocol.removeAwarenessStates(awareness, gone, REMOTE);
        // y-protocols keeps the clock of a removed remote entry, and ignores an entry of the same clock: a process
        // that was only cut off from Redis republishes its people with their clocks unchanged once back
        // (docRelay.ts `renew`), and must be shown again here. (The clients here drop that entry as already
        // seen and show the person again at their next renewal, within 15 s, as after an awareness timeout.)
        for (const id of gone) awareness.meta.delete(id);
      }),
    present: () => guarded(present),
    resync: () => {
      load().then(
        (stored) =>
          guarded(() =>
            Y.transact(
              doc,
              () => {
                for (const u of stored) Y.applyUpdate(doc, u);
              },
              REMOTE,
            ),
          ),
        onError,
      );
    },
  };
}
