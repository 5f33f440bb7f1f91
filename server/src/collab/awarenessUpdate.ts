/** Rewriting a y-protocols awareness update entry by entry, for the filters in awarenessGuard.ts and claims.ts. */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One entry of an awareness update; its state is UTF-8 JSON (the text `null` removes the entry). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Uint8Array;
}

/**
 * Reads the entries of `update` in order and keeps each with the state `keep` returns for it, or drops it when
 * `keep` returns null. `keep` runs as each entry is read, so what it throws (or does) for an early entry comes
 * before a malformed later one is found. Returns null when no entry is kept (an update of none included), `update`
 * itself when every entry is kept with its own state, otherwise a new update of the kept entries. Throws on a
 * malformed update.
 */
export function rewriteAwareness(
  update: Uint8Array,
  keep: (entry: AwarenessEntry) => Uint8Array | null,
): Uint8Array | null {
  const dec = decoding.createDecoder(update);
  const count = decoding.readVarUint(dec);
  const kept: AwarenessEntry[] = [];
  let unchanged = true;
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(dec);
    const clock = decoding.readVarUint(dec);
    const raw = decoding.readVarUint8Array(dec);
    const state = keep({ clientId, clock, state: raw });
    if (state === null) continue;
    if (state !== raw) unchanged = false;
    kept.push({ clientId, clock, state });
  }
  if (kept.length === 0) return null;
  if (unchanged && kept.length === count) return update;
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, kept.length);
  for (const k of kept) {
    encoding.writeVarUint(enc, k.clientId);
    encoding.writeVarUint(enc, k.clock);
    encoding.writeVarUint8Array(enc, k.state);
  }
  return encoding.toUint8Array(enc);
}
