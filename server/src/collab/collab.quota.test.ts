/**
 * The collab core's limits with the real numbers (shared/collabProtocol.ts) and real storage, content rules
 * aside: a doc filled to its quota through accepted updates is always sendable to a late joiner.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  COLLAB_MAX_AWARENESS_BYTES,
  COLLAB_MAX_CONNECTIONS_PER_DOC,
  COLLAB_MAX_DOC_BYTES,
  COLLAB_PROTOCOL_VERSION,
  COLLAB_SEND_BACKLOG_BYTES,
  COLLAB_UPDATE_RATE,
  CloseCode,
} from '@tandem/shared';
import { DB_KINDS, startTestServer, type TestServer } from '../test/harness.js';
import { collabClient, synced, waitFor, type CollabClient } from '../test/collab.js';
import { cardUpdate, rawClient, syncStep1Frame, updateFrame } from '../test/collabWire.js';
import { CollabServer } from './collabServer.js';
import { DEFAULT_LIMITS, checkLimits, encodedSize } from './limits.js';

const KB = 1024;
const DOC = 'quota.test';
const map = (doc: Y.Doc) => doc.getMap<string>('m');

describe('collab limits', () => {
  it('keep the whole doc, every awareness state and the others’ bursts within the send backlog', () => {
    expect(() => checkLimits(DEFAULT_LIMITS)).not.toThrow();
    expect(DEFAULT_LIMITS.maxBufferedBytes).toBe(COLLAB_SEND_BACKLOG_BYTES);
    expect(() => checkLimits({ ...DEFAULT_LIMITS, maxDocBytes: 12 * 1024 * KB })).toThrow(/late joiner/);
    expect(() => checkLimits({ ...DEFAULT_LIMITS, maxConnections: 64 })).toThrow(/late joiner/);
  });
});

describe.each(DB_KINDS)('collab quota and rates (%s)', (db) => {
  let server: TestServer;
  let core: CollabServer<{ n: number; who: string | null }>;
  /** The rate limits' clock, when a test holds it still. */
  let frozenAt: number | null = null;
  let httpServer: http.Server;
  let url: string;
  const clients: CollabClient[] = [];
  const client = () => {
    const c = collabClient(url, DOC);
    clients.push(c);
    return c;
  };
  const storedRows = async () =>
    (await server.ctx.db.selectFrom('collab_updates').select('id').where('doc_name', '=', DOC).execute()).length;

  beforeEach(async () => {
    server = await startTestServer({ db });
    let n = 0;
    const store = server.collabStore;
    frozenAt = null;
    core = new CollabServer<{ n: number; who: string | null }>(
      {
        // `?who=` names a person whose connections share their rate buckets; without it, each has its own.
        authorize: (_req, _doc, params) => Promise.resolve({ n: n++, who: params.get('who') }),
        rateKey: (c) => c.who ?? undefined,
        canWrite: () => true,
        load: (name) => store.load(name),
        store: (name, update) => store.store(name, update),
        presence: (c) => ({ key: `person${c.n}`, name: `Person ${c.n}`, role: 'partner' }),
      },
      { now: () => frozenAt ?? Date.now() },
    );
    httpServer = http.createServer();
    httpServer.on('upgrade', (req, socket, head) => core.handleUpgrade(req, socket, head, '/collab'));
    await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await core.close();
    httpServer.closeAllConnections();
    await new Promise((r) => httpServer.close(r));
    await server.dispose();
  });

  it('fills a doc to just under its quota, refuses the update that would pass it, and a late joiner still gets it all', async () => {
    // Accepted updates of 200 KB, two per connection (each one's byte burst), to within a few KB of the quota.
    const writers: CollabClient[] = [];
    for (let i = 0; i < 5; i++) writers.push(client());
    await Promise.all(writers.map((w) => synced(w)));
    writers.forEach((w, i) => {
      map(w.doc).set(`a${i}`, 'a'.repeat(200 * KB));
      map(w.doc).set(`b${i}`, 'b'.repeat(200 * KB));
    });
    const serverDoc = () => core.loadedDoc(DOC)!;
    await waitFor(() => map(serverDoc()).size === 10, 10_000, 'ten chunks');
    const topUp = client();
    await synced(topUp);
    const room = COLLAB_MAX_DOC_BYTES - encodedSize(serverDoc());
    map(topUp.doc).set('top', 't'.repeat(room - 4 * KB));
    await waitFor(() => map(serverDoc()).has('top'), 5000, 'top-up');
    const full = encodedSize(serverDoc());
    expect(full).toBeGreaterThan(COLLAB_MAX_DOC_BYTES - 8 * KB);
    expect(full).toBeLessThanOrEqual(COLLAB_MAX_DOC_BYTES);

    // One more small chunk would pass the quota: refused by name, and nothing changes.
    await server.collabStore.drain();
    const rows = await storedRows();
    const over = writers[0]!;
    map(over.doc).set('over', 'o'.repeat(8 * KB));
    await waitFor(() => over.closeCodes.length > 0, 5000, 'refusal');
    expect(over.closeCodes).toEqual([CloseCode.DOC_QUOTA]);
    expect(over.provider.shouldConnect).toBe(false); // a final refusal: the provider does not come back with it
    expect(map(serverDoc()).has('over')).toBe(false);
    expect(map(writers[1]!.doc).has('over')).toBe(false);
    await server.collabStore.drain();
    expect(await storedRows()).toBe(rows);

    // Every other seat taken, each with an awareness state of the largest size.
    const blob = (c: CollabClient) => {
      const base = JSON.stringify({ blob: '' }).length;
      c.provider.awareness.setLocalState({ blob: 'x'.repeat(COLLAB_MAX_AWARENESS_BYTES - base) });
    };
    clients.splice(clients.indexOf(over), 1);
    over.destroy();
    while (clients.length < COLLAB_MAX_CONNECTIONS_PER_DOC - 1) client();
    await Promise.all(clients.map((c) => synced(c)));
    clients.forEach(blob);
    const awareness = core.loadedDocAwareness(DOC)!;
    await waitFor(() => awareness.getStates().size === clients.length, 5000, 'awareness states');

    const late = client();
    await synced(late, 10_000);
    expect(Y.encodeStateAsUpdate(late.doc).length).toBe(Y.encodeStateAsUpdate(serverDoc()).length);
    expect(map(late.doc).toJSON()).toEqual(map(serverDoc()).toJSON());
    await waitFor(() => late.provider.awareness.getStates().size === clients.length, 5000, 'late joiner’s awareness');
    expect(late.provider.wsconnected).toBe(true);

    // The doc is full of connections: one more is told so.
    const extra = rawClient(url, DOC, null);
    expect(await extra.closed).toBe(CloseCode.TOO_MANY_CONNECTIONS);
  });

  it('closes a connection that sends more updates than its burst with RATE_LIMITED, applying none past it', async () => {
    const keeper = client(); // keeps the doc loaded
    await synced(keeper);
    const flood = rawClient(url, DOC, null);
    await flood.opened;
    const count = COLLAB_UPDATE_RATE.burst + 50;
    for (let i = 0; i < count; i++) flood.ws.send(updateFrame(cardUpdate(`k${i}`, 'a', 'x')));
    expect(await flood.closed).toBe(CloseCode.RATE_LIMITED);
    const applied = core.loadedDoc(DOC)!.getMap('nodes').size;
    expect(applied).toBeGreaterThanOrEqual(COLLAB_UPDATE_RATE.burst);
    expect(applied).toBeLessThan(count);
    await server.collabStore.drain();
    expect(await storedRows()).toBe(applied);
  });

  it('gives a person who reconnects the buckets they left with, not a fresh burst', async () => {
    const keeper = client(); // keeps the doc loaded
    await synced(keeper);
    frozenAt = Date.now(); // no refill in between, however slow the machine
    const flood = async (tag: string) => {
      const c = rawClient(url, DOC, null, '?who=mallory');
      await c.opened;
      for (let i = 0; i < COLLAB_UPDATE_RATE.burst + 50; i++)
        c.ws.send(updateFrame(cardUpdate(`${tag}${i}`, 'a', 'x')));
      expect(await c.closed).toBe(CloseCode.RATE_LIMITED);
    };
    const applied = (tag: string) =>
      [...core.loadedDoc(DOC)!.getMap('nodes').keys()].filter((k) => k.startsWith(tag)).length;
    await flood('first');
    expect(applied('first')).toBeGreaterThanOrEqual(COLLAB_UPDATE_RATE.burst);
    await flood('again');
    expect(applied('again')).toBe(0);
  });

  it('closes a connection that asks for the whole doc again and again with RATE_LIMITED', async () => {
    const asker = rawClient(url, DOC, null);
    await asker.opened;
    for (let i = 0; i < 3 * DEFAULT_LIMITS.syncRequestRate.burst; i++) asker.ws.send(syncStep1Frame());
    expect(await asker.closed).toBe(CloseCode.RATE_LIMITED);
  });

  it('loses nothing of an honest client over the rate: it reconnects and resends what the server lacks', async () => {
    const fast = client();
    const reader = client();
    await Promise.all([synced(fast), synced(reader)]);
    for (let i = 0; i < 3 * COLLAB_UPDATE_RATE.burst; i++) map(fast.doc).set(`k${i}`, `v${i}`);
    await waitFor(() => map(reader.doc).size === 3 * COLLAB_UPDATE_RATE.burst, 10_000, 'every edit');
    expect(fast.closeCodes).toContain(CloseCode.RATE_LIMITED);
  });

  it('refuses a client of another protocol version with PROTOCOL_MISMATCH, and serves one that names none', async () => {
    const old = rawClient(url, DOC, null, `?v=${COLLAB_PROTOCOL_VERSION - 1}`);
    expect(await old.closed).toBe(CloseCode.PROTOCOL_MISMATCH);
    await synced(client());
  });

  it('holds back awareness over its rate, and the newest state still arrives', async () => {
    const mover = client();
    const watcher = client();
    await Promise.all([synced(mover), synced(watcher)]);
    for (let i = 0; i <= 200; i++) mover.provider.awareness.setLocalStateField('cursor', { x: i, y: 0 });
    const cursorSeen = () =>
      (watcher.provider.awareness.getStates().get(mover.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor
        ?.x;
    await waitFor(() => cursorSeen() === 200, 5000, 'newest cursor');
    expect(mover.provider.wsconnected).toBe(true);
  });
});
