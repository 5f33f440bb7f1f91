/**
 * The claim rules on their own (claims.ts), for what the two-process tests cannot time: two processes that grant
 * the same client id to two people at the same moment, each before hearing of the other.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MAX_OWNERS, claim, keysOf, remoteClaims } from './claims.js';
import type { Conn, DocState } from './conn.js';

const made: Y.Doc[] = [];
afterEach(() => {
  for (const doc of made.splice(0)) doc.destroy(); // the awareness with it (its timer)
});

/** One process's copy of a doc, as far as the claims read it. */
function docState(): DocState<null> {
  const doc = new Y.Doc();
  made.push(doc);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  return { awareness, holders: new Map(), owners: new Map() } as Partial<DocState<null>> as DocState<null>;
}

function conn(state: DocState<null>, key: string): Conn<null> {
  return { doc: state, awarenessId: null, presence: { key, name: key, role: 'partner' } } as Partial<
    Conn<null>
  > as Conn<null>;
}

function update(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(enc, e.clientId);
    encoding.writeVarUint(enc, e.clock);
    encoding.writeVarString(enc, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(enc);
}

const X = 1234;

describe('awareness claims across processes', () => {
  it('keeps each process’s own person when two processes grant one id to two people at once', () => {
    const one = docState();
    const two = docState();
    expect(claim(conn(one, 'victim'), X)).toBe(true);
    expect(claim(conn(two, 'attacker'), X)).toBe(true); // neither has heard of the other yet
    const fromOne = update([{ clientId: X, clock: 1, state: { cursor: 1 } }]);
    const fromTwo = update([{ clientId: X, clock: 5, state: { cursor: 2 } }]);
    const removalFromTwo = update([{ clientId: X, clock: 6, state: null }]);

    // Each process drops the other's entries for the id, the removal too.
    expect(remoteClaims(one).admit(fromTwo, keysOf(two, [X]))).toBeNull();
    expect(remoteClaims(one).admit(removalFromTwo, keysOf(two, [X]))).toBeNull();
    expect(remoteClaims(two).admit(fromOne, keysOf(one, [X]))).toBeNull();

    // A third process keeps the first it hears of, and refuses the id to anyone else.
    const three = docState();
    expect(remoteClaims(three).admit(fromOne, keysOf(one, [X]))).toBe(fromOne);
    expect(remoteClaims(three).admit(fromTwo, keysOf(two, [X]))).toBeNull();
    expect(claim(conn(three, 'attacker'), X)).toBe(false);
    expect(claim(conn(three, 'victim'), X)).toBe(true);
  });

  it('drops only the entries of ids someone else uses, and an entry without a person for an id in use', () => {
    const here = docState();
    expect(claim(conn(here, 'victim'), X)).toBe(true);
    const mixed = update([
      { clientId: X, clock: 3, state: { cursor: 1 } },
      { clientId: 77, clock: 1, state: { cursor: 2 } },
    ]);
    const kept = remoteClaims(here).admit(
      mixed,
      new Map([
        [X, 'attacker'],
        [77, 'someone'],
      ]),
    );
    awarenessProtocol.applyAwarenessUpdate(here.awareness, kept!, 'remote');
    expect([...here.awareness.getStates().keys()]).toEqual([77]);
    expect(remoteClaims(here).admit(update([{ clientId: X, clock: 4, state: null }]), new Map())).toBeNull();
  });

  it('learns the people registered by other processes, and refuses their ids to anyone else', () => {
    const here = docState();
    remoteClaims(here).learn(new Map([[X, 'victim']]));
    expect(claim(conn(here, 'attacker'), X)).toBe(false);
    expect(claim(conn(here, 'victim'), X)).toBe(true);
  });

  it('never forgets a person still shown to make room for new ids', () => {
    const here = docState();
    const shown = update([{ clientId: X, clock: 1, state: { cursor: 1 } }]);
    awarenessProtocol.applyAwarenessUpdate(
      here.awareness,
      remoteClaims(here).admit(shown, new Map([[X, 'victim']]))!,
      'remote',
    );
    // A flood of connections, each with a new id, from one person.
    for (let id = 1; id <= MAX_OWNERS * 2; id++) expect(claim(conn(here, 'attacker'), 10_000 + id)).toBe(true);
    expect(here.owners.size).toBeLessThanOrEqual(MAX_OWNERS);
    expect(claim(conn(here, 'attacker'), X)).toBe(false);
  });
});
