import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changesDoc, refuseForSide } from './sideGuard.js';

// The map's shape, as the client writes it (client/src/features/map/mapModel.ts).
const nodesOf = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('nodes');
const edgesOf = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('edges');
let seq = 0;
function addNode(d: Y.Doc, side: string, label = 'x', id = `n${++seq}`): string {
  d.transact(() => {
    const m = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ kind: 'trigger', side, label, x: 0, y: 0 })) m.set(k, v);
    nodesOf(d).set(id, m);
  });
  return id;
}
function connect(d: Y.Doc, source: string, target: string): string {
  const id = `e${++seq}`;
  d.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('source', source);
    m.set('target', target);
    edgesOf(d).set(id, m);
  });
  return id;
}
function deleteNode(d: Y.Doc, id: string): void {
  d.transact(() => {
    nodesOf(d).delete(id);
    edgesOf(d).forEach((m, eid) => {
      if (m.get('source') === id || m.get('target') === id) edgesOf(d).delete(eid);
    });
  });
}
const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

/** What a change made on `d` sends to the server (one update per transaction, merged). */
function captured(d: Y.Doc, change: () => void): Uint8Array {
  const out: Uint8Array[] = [];
  const on = (u: Uint8Array) => out.push(u);
  d.on('update', on);
  change();
  d.off('update', on);
  return Y.mergeUpdates(out);
}

/** A server doc with the therapist's pursue-withdraw start: a card on each side and one shared, connected. */
function scene() {
  const server = new Y.Doc();
  const alex = new Y.Doc(); // slot a
  const a1 = addNode(server, 'a', 'Alex asks');
  const b1 = addNode(server, 'b', 'Sam goes quiet');
  const s1 = addNode(server, 'shared', 'the cycle');
  const ab = connect(server, a1, b1);
  const bs = connect(server, b1, s1);
  sync(server, alex);
  const s = {
    server,
    alex,
    a1,
    b1,
    s1,
    ab,
    bs,
    last: new Uint8Array() as Uint8Array<ArrayBufferLike>,
    /** The verdict on Alex's change; when allowed, it is applied to the server doc too. */
    judge(change: () => void): string | null {
      const u = captured(s.alex, change);
      s.last = u;
      const why = refuseForSide(server, u, 'a');
      if (why === null) Y.applyUpdate(server, u);
      else {
        // A refused change stays out: Alex's client starts again from the server's doc.
        s.alex.destroy();
        s.alex = new Y.Doc();
        sync(server, s.alex);
      }
      return why;
    },
  };
  return s;
}

describe('partners add and edit on their own side (server check of each update)', () => {
  it('lets a partner add, edit, move, connect and delete their own cards', () => {
    const { server, alex, b1, judge } = scene();
    let mine = '';
    expect(judge(() => (mine = addNode(alex, 'a', 'I pull away')))).toBeNull();
    expect(judge(() => nodesOf(alex).get(mine)?.set('label', 'I go to my room'))).toBeNull();
    expect(
      judge(() =>
        alex.transact(() => {
          nodesOf(alex).get(mine)?.set('x', 40);
          nodesOf(alex).get(mine)?.set('y', 80);
        }),
      ),
    ).toBeNull();
    let edge = '';
    expect(judge(() => (edge = connect(alex, mine, b1)))).toBeNull();
    expect(judge(() => edgesOf(alex).delete(edge))).toBeNull();
    expect(judge(() => deleteNode(alex, mine))).toBeNull();
    expect(nodesOf(server).has(mine)).toBe(false);
    expect(Y.encodeStateAsUpdate(server)).toEqual(Y.encodeStateAsUpdate(alex));
  });

  it("refuses cards on the other partner's side or the shared lane, and moving one's own card across", () => {
    const s = scene();
    expect(s.judge(() => addNode(s.alex, 'b'))).toMatch(/own side/);
    expect(s.judge(() => addNode(s.alex, 'shared'))).toMatch(/own side/);
    expect(s.judge(() => nodesOf(s.alex).get(s.a1)?.set('side', 'b'))).toMatch(/own side/);
  });

  it("refuses any change to the other partner's or the shared cards", () => {
    const cases: Array<[string, (s: ReturnType<typeof scene>) => void]> = [
      ['label', (s) => nodesOf(s.alex).get(s.b1)?.set('label', 'Sam is cold')],
      ['move', (s) => nodesOf(s.alex).get(s.b1)?.set('x', 999)],
      ['shared label', (s) => nodesOf(s.alex).get(s.s1)?.set('label', 'changed')],
      ['delete', (s) => deleteNode(s.alex, s.b1)],
      ['replace', (s) => addNode(s.alex, 'a', 'mine now', s.b1)],
      ['new field', (s) => nodesOf(s.alex).get(s.b1)?.set('note', 'hi')],
    ];
    for (const [what, change] of cases) {
      const s = scene();
      const before = Y.encodeStateAsUpdate(s.server);
      expect(
        s.judge(() => change(s)),
        what,
      ).not.toBeNull();
      expect(Y.encodeStateAsUpdate(s.server), what).toEqual(before);
    }
  });

  it('lets a connection be drawn or removed only with one end on your side', () => {
    const s = scene();
    expect(s.judge(() => connect(s.alex, s.b1, s.s1))).toMatch(/one end/);
    expect(s.judge(() => edgesOf(s.alex).delete(s.bs))).toMatch(/not yours/);
    expect(s.judge(() => edgesOf(s.alex).get(s.ab)?.set('target', s.s1))).toMatch(/not changed/);
    const t = scene();
    expect(t.judge(() => connect(t.alex, t.s1, t.a1))).toBeNull();
    expect(t.judge(() => edgesOf(t.alex).delete(t.ab))).toBeNull();
  });

  it('refuses other parts of the doc', () => {
    const s = scene();
    expect(s.judge(() => s.alex.getMap('settings').set('locked', false))).toMatch(/nodes and edges/);
    expect(s.judge(() => s.alex.getText('notes').insert(0, 'hi'))).toMatch(/nodes and edges/);
    expect(s.judge(() => nodesOf(s.alex).get(s.a1)?.set('extra', new Y.Map()))).toMatch(/plain value/);
  });

  it('accepts an offline batch of own changes sent as one update', () => {
    const { server, alex, b1, a1 } = scene();
    const u = captured(alex, () => {
      const n = addNode(alex, 'a', 'new');
      nodesOf(alex).get(n)?.set('label', 'newer');
      nodesOf(alex).get(a1)?.set('label', 'Alex asks twice');
      connect(alex, n, b1);
    });
    expect(refuseForSide(server, u, 'a')).toBeNull();
    // The same batch judged for the other partner touches cards that are not theirs.
    expect(refuseForSide(server, u, 'b')).not.toBeNull();
  });

  it("accepts an edit to one's card that the therapist has just deleted (it changes nothing)", () => {
    const { server, alex, a1 } = scene();
    deleteNode(server, a1);
    const u = captured(alex, () => nodesOf(alex).get(a1)?.set('label', 'late edit'));
    expect(refuseForSide(server, u, 'a')).toBeNull();
    Y.applyUpdate(server, u);
    expect(nodesOf(server).has(a1)).toBe(false);
  });

  it('refuses an update that builds on changes the server never had (it would wait unchecked)', () => {
    const { server, alex } = scene();
    let n = '';
    captured(alex, () => (n = addNode(alex, 'a'))); // never sent
    const u = captured(alex, () => nodesOf(alex).get(n)?.set('label', 'x'));
    expect(refuseForSide(server, u, 'a')).toMatch(/unknown/);
  });

  it('judges random edits: whatever it accepts leaves the other side and the shared lane exactly as they were', () => {
    let seed = 42; // mulberry32: a fixed, well-mixed sequence
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n) | 0;
    };
    const othersOf = (d: Y.Doc) => {
      const out: Record<string, unknown> = {};
      nodesOf(d).forEach((m, id) => {
        if (m.get('side') !== 'a') out[id] = m.toJSON();
      });
      edgesOf(d).forEach((m, id) => {
        const src = nodesOf(d)
          .get(m.get('source') as string)
          ?.get('side');
        const tgt = nodesOf(d)
          .get(m.get('target') as string)
          ?.get('side');
        if (src !== 'a' && tgt !== 'a') out[id] = m.toJSON();
      });
      return JSON.stringify(out);
    };
    let accepted = 0;
    let refused = 0;
    const s = scene();
    const therapist = new Y.Doc();
    sync(s.server, therapist);
    for (let i = 0; i < 400; i++) {
      sync(s.server, s.alex);
      const ids = [...nodesOf(s.alex).keys()];
      const pick = () => ids[rand(ids.length)] ?? s.a1;
      const sides = ['a', 'a', 'b', 'shared'];
      const before = othersOf(s.server);
      const serverBefore = Y.encodeStateAsUpdate(s.server);
      const why = s.judge(() => {
        switch (rand(6)) {
          case 0:
            return addNode(s.alex, sides[rand(4)] as string);
          case 1:
            return nodesOf(s.alex).get(pick())?.set('label', `l${i}`);
          case 2:
            return nodesOf(s.alex)
              .get(pick())
              ?.set(rand(2) ? 'x' : 'side', rand(2) ? 7 : 'a');
          case 3:
            return deleteNode(s.alex, pick());
          case 4:
            return connect(s.alex, pick(), pick());
          default: {
            const edges = [...edgesOf(s.alex).keys()];
            const e = edges[rand(edges.length)];
            if (e) edgesOf(s.alex).delete(e);
          }
        }
      });
      if (why === null) {
        accepted++;
        expect(othersOf(s.server)).toBe(before);
      } else {
        refused++;
        // And nothing is refused that would have left them alone.
        const applied = new Y.Doc();
        Y.applyUpdate(applied, serverBefore);
        Y.applyUpdate(applied, s.last);
        expect(othersOf(applied), why).not.toBe(before);
      }
      if (rand(5) === 0) {
        sync(s.server, therapist);
        addNode(therapist, sides[rand(4)] as string);
        sync(therapist, s.server);
      }
      sync(s.server, s.alex);
    }
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(50);
  });
});

describe('changesDoc: is there anything new to refuse?', () => {
  it('says no for an empty step 2, a resent update and a deletion already made, yes for a new edit', () => {
    const { server, alex, a1 } = scene();
    expect(changesDoc(server, Y.encodeStateAsUpdate(new Y.Doc(), Y.encodeStateVector(server)))).toBe(false);
    expect(changesDoc(server, Y.encodeStateAsUpdate(alex, Y.encodeStateVector(server)))).toBe(false);
    expect(changesDoc(server, Y.encodeStateAsUpdate(server))).toBe(false);
    const edit = captured(alex, () => nodesOf(alex).get(a1)?.set('label', 'new'));
    expect(changesDoc(server, edit)).toBe(true);
    Y.applyUpdate(server, edit);
    expect(changesDoc(server, edit)).toBe(false);
    const del = captured(alex, () => deleteNode(alex, a1));
    expect(changesDoc(server, del)).toBe(true);
    Y.applyUpdate(server, del);
    expect(changesDoc(server, del)).toBe(false);
  });
});
