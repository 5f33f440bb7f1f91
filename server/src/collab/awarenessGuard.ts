/**
 * Awareness from a hostile client: a connection sets only its own entry (the first client id it announces that
 * nobody else holds), within a size limit, and who it is (`user.name`, `user.role`) comes from its credential.
 */
import { CloseCode } from '@tandem/shared';
import { rewriteAwareness } from './awarenessUpdate.js';
import { CollabRefusal } from './hooks.js';

/** Who a connection is to the others, from its credential. */
export interface Presence {
  /** Identifies the person (not the tab): a client id once used by one person is never taken by another. */
  key: string;
  name: string;
  role: string;
}

const COLOR = /^#[0-9a-f]{6}$/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Out = new TextEncoder();

/**
 * Keeps only the entries of `update` for the client id `claim` grants this connection, with `user` rewritten
 * from `presence`. Entries for anyone else's id are dropped: stock clients echo the states they receive and relay
 * their own time-outs of others, so they are no sign of an attack, and applying them would let one person
 * overwrite another's presence. Returns null when nothing is left. Throws CollabRefusal when the connection's
 * own state is over `maxStateBytes`, and a plain Error on a malformed update.
 */
export function ownAwareness(
  update: Uint8Array,
  claim: (clientId: number) => boolean,
  presence: Presence | null,
  maxStateBytes: number,
): Uint8Array | null {
  return rewriteAwareness(update, ({ clientId, state }) => {
    if (!claim(clientId)) return null;
    if (state.length > maxStateBytes) {
      throw new CollabRefusal(CloseCode.MESSAGE_TOO_LARGE, 'Awareness state too large');
    }
    return utf8Out.encode(withUser(utf8.decode(state), presence));
  });
}

/** The state with `user.name` and `user.role` from the credential (a colour of the client's own is kept). */
function withUser(json: string, presence: Presence | null): string {
  const state: unknown = JSON.parse(json);
  if (state === null) return json; // the entry's removal
  if (typeof state !== 'object' || Array.isArray(state)) throw new Error('awareness state is not an object');
  if (!presence) return json;
  const claimed = (state as { user?: unknown }).user;
  const color = claimed && typeof claimed === 'object' ? (claimed as { color?: unknown }).color : undefined;
  const user = {
    name: presence.name,
    role: presence.role,
    ...(typeof color === 'string' && COLOR.test(color) ? { color } : {}),
  };
  return JSON.stringify({ ...state, user });
}
