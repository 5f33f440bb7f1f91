/**
 * The awareness a process relayed is removed by the others once that process is gone (its liveness key expired),
 * within seconds rather than y-protocols' 30 s timeout: a partner whose process was killed no longer shows as a
 * cursor on the therapist's map. An id that a live process has relayed since, or that a connection here holds, is
 * kept; and a process that was only cut off from Redis shows its people again once back.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { remoteClaims } from '../collab/claims.js';
import type { Conn, DocState } from '../collab/conn.js';
import { remoteTarget, type RelayTarget } from '../collab/relay.js';
import { createLogger } from '../lib/logger.js';
import { until } from '../test/scaled.js';
import { startTcpProxy, type TcpProxy } from '../test/tcpProxy.js';
import { RedisDocRelay } from './docRelay.js';
import { Liveness } from './liveness.js';
import { openRedisLink, type RedisLink } from './redisLink.js';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const logger = createLogger('silent');
const DOC = 'map:c1';
/** Short, so that a death is found in about a second (the product's TTL is 4 s). */
const FAST = { ttlMs: 800, beatMs: 100 };

/** A process: its Redis link, liveness and relay. */
interface Proc {
  link: RedisLink;
  liveness: Liveness;
  relay: RedisDocRelay;
}

/** A person's client: its awareness, whose updates a process relays with the person key. */
function person(clientId: number, key: string, name: string) {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name } });
  return {
    key,
    awareness,
    update: () => awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]),
    keys: () => new Map([[clientId, key]]),
    /** Renews its state (a newer clock), as a client does every 15 s or after a reconnection. */
    renew: () =>
      awarenessProtocol.encodeAwarenessUpdate((awareness.setLocalState({ user: { name } }), awareness), [clientId]),
  };
}

describe('the awareness of a process that is gone (Redis)', () => {
  const prefix = `tandem_t_${randomBytes(5).toString('hex')}:`;
  const procs: Proc[] = [];
  const cleanups: Array<() => void> = [];
  let proxy: TcpProxy | undefined;
  afterEach(async () => {
    for (const run of cleanups.splice(0)) run();
    for (const p of procs.splice(0)) {
      p.liveness.stop();
      await p.link.close();
    }
    await proxy?.close();
    proxy = undefined;
    const r = new Redis(REDIS_URL);
    const keys = await r.keys(`${prefix}*`);
    if (keys.length) await r.del(...keys);
    await r.quit();
  });

  async function proc(url = REDIS_URL, ttlMs = FAST.ttlMs): Promise<Proc> {
    const link = openRedisLink(url, prefix, logger);
    const liveness = new Liveness(link, { ...FAST, ttlMs });
    const p = { link, liveness, relay: new RedisDocRelay(link, logger, liveness) };
    procs.push(p);
    // Connected first: a doc joined before is subscribed only once the subscriber is ready.
    await until(() => link.up(), 'connected to Redis');
    return p;
  }

  /** A process that dies: no more renewals, its connections cut, its key left to expire. */
  function kill(p: Proc): void {
    p.liveness.stop();
    for (const c of [p.link.command, p.link.subscriber, p.link.adapter]) c.disconnect();
  }

  /** The doc as the observing process holds it: its awareness, applied through the real remote target. */
  async function observer(p: Proc) {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null);
    const state = { name: DOC, doc, awareness, holders: new Map(), owners: new Map() } as unknown as DocState<unknown>;
    cleanups.push(() => awareness.destroy());
    const target = remoteTarget(
      doc,
      awareness,
      remoteClaims(state),
      () => undefined,
      async () => [],
      () => true,
      (err) => {
        throw err;
      },
    );
    await p.relay.join(DOC, target);
    return { awareness, state, shows: (id: number) => awareness.getStates().has(id) };
  }

  it('removes the entries of a killed process within seconds', async () => {
    const one = await proc();
    const two = await proc();
    const seen = await observer(one);
    const sam = person(101, 'p-sam', 'Sam');
    two.relay.publishAwareness(DOC, sam.update(), sam.keys());
    await until(() => seen.shows(101), 'Sam shown on process 1');

    kill(two);
    await until(() => !seen.shows(101), 'Sam removed on process 1', 5_000);
  });

  it('removes the entries of a process that shut down cleanly at once, not when its key would have expired', async () => {
    const one = await proc();
    const two = await proc(REDIS_URL, 60_000);
    const seen = await observer(one);
    const sam = person(101, 'p-sam', 'Sam');
    two.relay.publishAwareness(DOC, sam.update(), sam.keys());
    await until(() => seen.shows(101), 'Sam shown on process 1');

    await two.liveness.close();
    await until(() => !seen.shows(101), 'Sam removed on process 1', 5_000);
  });

  it('never takes a process of an earlier version (no key, not listed) for dead', async () => {
    const one = await proc();
    const killed = await proc();
    const earlier = await proc();
    // An earlier version renews no key and lists nothing.
    earlier.liveness.stop();
    await one.link.command
      .multi()
      .del(`${prefix}node:${earlier.liveness.hex}`)
      .zrem(`${prefix}nodes`, earlier.liveness.hex)
      .exec();
    const seen = await observer(one);
    const sam = person(101, 'p-sam', 'Sam');
    const alex = person(102, 'p-alex', 'Alex');
    killed.relay.publishAwareness(DOC, sam.update(), sam.keys());
    earlier.relay.publishAwareness(DOC, alex.update(), alex.keys());
    await until(() => seen.shows(101) && seen.shows(102), 'both shown on process 1');

    kill(killed);
    // Both processes are asked about in the same sweep: when Sam goes, Alex's process was found not dead.
    await until(() => !seen.shows(101), 'Sam removed on process 1', 5_000);
    expect(seen.shows(102)).toBe(true);
  });

  it('keeps an id a live process relayed since, and an id held here', async () => {
    const one = await proc();
    const two = await proc();
    const three = await proc();
    const seen = await observer(one);
    const sam = person(101, 'p-sam', 'Sam');
    const alex = person(102, 'p-alex', 'Alex');
    const kim = person(103, 'p-kim', 'Kim');
    for (const p of [sam, alex, kim]) two.relay.publishAwareness(DOC, p.update(), p.keys());
    await until(() => [101, 102, 103].every(seen.shows), 'everyone shown on process 1');
    // Sam's process is about to die: Sam reconnected to process 3 with the same client id.
    three.relay.publishAwareness(DOC, sam.renew(), sam.keys());
    // Kim reconnected to process 1 itself (their connection here holds the id).
    seen.state.holders.set(103, { presence: { key: 'p-kim' } } as unknown as Conn<unknown>);
    await until(() => seen.awareness.meta.get(101)?.clock === 2, 'Sam’s renewal through process 3');

    kill(two);
    await until(() => !seen.shows(102), 'Alex removed on process 1', 5_000);
    expect(seen.shows(101)).toBe(true);
    expect(seen.shows(103)).toBe(true);
  });

  it('shows again the people of a process that was only cut off from Redis, once it is back', async () => {
    proxy = await startTcpProxy(REDIS_URL);
    const one = await proc();
    const two = await proc(proxy.url);
    const seen = await observer(one);
    const sam = person(101, 'p-sam', 'Sam');
    // Process 2 holds the doc with Sam on it: once back it republishes Sam's entry, clock unchanged.
    const holder: RelayTarget = {
      update: () => undefined,
      awareness: () => undefined,
      claims: () => undefined,
      forget: () => undefined,
      present: () => two.relay.publishAwareness(DOC, sam.update(), sam.keys()),
      resync: () => undefined,
    };
    await two.relay.join(DOC, holder);
    two.relay.publishAwareness(DOC, sam.update(), sam.keys());
    await until(() => seen.shows(101), 'Sam shown on process 1');

    await proxy.stop();
    await until(() => !seen.shows(101), 'Sam removed while process 2 is away', 5_000);
    await proxy.start();
    await until(() => seen.shows(101), 'Sam shown again once process 2 is back');
  });
});
