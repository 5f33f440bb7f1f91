/**
 * Who may set which awareness client id, on one process and across the processes that hold the same doc (issue
 * 17). A connection's first announced id is bound to it; an id belongs to the first person seen using it while the
 * doc is loaded, whether that person is connected here or on another process: each process learns the others'
 * people from the person key relayed with every awareness entry (relay.ts), refuses its own connections an id
 * someone else uses, and drops relayed entries for an id someone else uses here. Two processes that grant the same
 * id to two people at the same moment (neither had heard of the other) each keep their own person's entry: neither
 * entry ever overwrites or removes the other's.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import { rewriteAwareness } from './awarenessUpdate.js';
import type { Conn, DocState } from './conn.js';

/** Awareness client ids remembered per doc (who used which), oldest forgotten first. */
export const MAX_OWNERS = 256;

/** The person key of each client id in one relayed awareness update (none for connections without presence). */
export type AwarenessKeys = ReadonlyMap<number, string>;

/** The person who uses `id` on this doc as far as this process knows: its live holder here, else who used it. */
function keyOf<Ctx>(state: DocState<Ctx>, id: number): string | undefined {
  const holder = state.holders.get(id);
  return holder ? holder.presence?.key : state.owners.get(id);
}

/**
 * May this connection set awareness client id `id`? The first id it announces is bound to it, unless another
 * live connection here holds it or another person used it (here or on another process) while the doc is loaded;
 * any other id is refused. The same person may take up their id on another process (a tab that reconnected to
 * another process after its first one died).
 */
export function claim<Ctx>(conn: Conn<Ctx>, id: number): boolean {
  if (conn.awarenessId !== null) return conn.awarenessId === id;
  const state = conn.doc;
  const holder = state.holders.get(id);
  if (holder && holder !== conn) return false;
  const key = conn.presence?.key;
  const owner = state.owners.get(id);
  if (owner !== undefined && owner !== key) return false;
  conn.awarenessId = id;
  state.holders.set(id, conn);
  if (key !== undefined) {
    state.owners.delete(id);
    remember(state, id, key);
  }
  return true;
}

/**
 * Remembers who used `id`; over the cap, forgets the oldest id that nobody shows any more, else the oldest that a
 * connection here holds (its holder still guards it). An entry relayed from another process and still shown is
 * never forgotten: a flood of new ids cannot free the id of a person on another process.
 */
function remember<Ctx>(state: DocState<Ctx>, id: number, key: string): void {
  state.owners.set(id, key);
  if (state.owners.size <= MAX_OWNERS) return;
  const shown = state.awareness.getStates();
  let held: number | undefined;
  for (const known of state.owners.keys()) {
    const local = state.holders.has(known);
    if (!local && !shown.has(known)) {
      state.owners.delete(known);
      return;
    }
    if (local) held ??= known;
  }
  state.owners.delete(held ?? (state.owners.keys().next().value as number));
}

/** The awareness entries of the people connected here, with their keys (null when none is shown). */
export function peopleHere<Ctx>(state: DocState<Ctx>): { update: Uint8Array; keys: AwarenessKeys } | null {
  const shown = state.awareness.getStates();
  const ids = [...state.holders.keys()].filter((id) => shown.has(id));
  if (ids.length === 0) return null;
  return { update: awarenessProtocol.encodeAwarenessUpdate(state.awareness, ids), keys: keysOf(state, ids) };
}

/** The person keys to relay with an awareness update of these ids (this process's people). */
export function keysOf<Ctx>(state: DocState<Ctx>, ids: readonly number[]): Map<number, string> {
  const keys = new Map<number, string>();
  for (const id of ids) {
    const key = keyOf(state, id);
    if (key !== undefined) keys.set(id, key);
  }
  return keys;
}

/** Awareness client ids another process relayed, with the person key each came with (if any). */
export type RelayedIds = ReadonlyMap<number, string | undefined>;

/** What a process does with the people that other processes tell it about. */
export interface RemoteClaims {
  /** Keeps the entries of a relayed awareness update that may be applied here (see remoteAwareness). */
  admit(update: Uint8Array, keys: AwarenessKeys): Uint8Array | null;
  /** Remembers who uses these ids elsewhere (read when the doc is loaded), where nobody is known yet. */
  learn(keys: AwarenessKeys): void;
  /**
   * Of the ids a process that is gone relayed, those whose entry may be removed here: shown, held by no
   * connection here, and used by the person it relayed (as admitted: an entry that was dropped because someone
   * else uses the id is not theirs to remove).
   */
  gone(ids: RelayedIds): number[];
}

export function remoteClaims<Ctx>(state: DocState<Ctx>): RemoteClaims {
  return {
    admit: (update, keys) => remoteAwareness(state, update, keys),
    learn: (keys) => {
      for (const [id, key] of keys) {
        if (!state.holders.has(id) && !state.owners.has(id)) remember(state, id, key);
      }
    },
    gone: (ids) => {
      const shown = state.awareness.getStates();
      const out: number[] = [];
      for (const [id, key] of ids) {
        if (shown.has(id) && !state.holders.has(id) && state.owners.get(id) === key) out.push(id);
      }
      return out;
    },
  };
}

/**
 * The entries of an awareness update relayed from another process that may be applied here: those of ids nobody
 * else uses here, as far as this process knows (an entry without a person key only for an id nobody uses here).
 * The people of the kept entries are remembered, so that this process refuses their ids to anyone else. Returns
 * the update itself when everything is kept, a smaller one when something was dropped, null when nothing is left.
 * Throws on a malformed update.
 */
function remoteAwareness<Ctx>(state: DocState<Ctx>, update: Uint8Array, keys: AwarenessKeys): Uint8Array | null {
  return rewriteAwareness(update, ({ clientId, state: raw }) => {
    const key = keys.get(clientId);
    const holder = state.holders.get(clientId);
    const owner = holder ? holder.presence?.key : state.owners.get(clientId);
    if (holder || owner !== undefined) {
      if (owner !== key) return null;
    } else if (key !== undefined) remember(state, clientId, key);
    return raw;
  });
}
