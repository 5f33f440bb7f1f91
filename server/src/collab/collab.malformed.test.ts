import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type * as Y from 'yjs';
import { COLLAB_MAX_CONNECTIONS_PER_DOC, COLLAB_PATH, docName } from '@tandem/shared';
import { DB_KINDS, jointSessionScenario, startTestServer, type Scenario, type TestServer } from '../test/harness.js';
import { collabClient, synced, waitFor, type CollabClient } from '../test/collab.js';
import { syncStep1Frame } from '../test/collabWire.js';

const nodes = (doc: Y.Doc) => doc.getMap<string>('nodes');

/** Deterministic garbage: random bytes, valid-looking headers with broken bodies, and oversized frames. */
function garbageMessages(count: number, seed: number): Buffer[] {
  let x = seed;
  const rnd = () => (x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)));
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    switch (i % 6) {
      case 0:
        out.push(bytes(1 + Math.floor(rnd() * 64)));
        break;
      case 1: // sync update with a truncated/garbled payload
        out.push(Buffer.concat([Buffer.from([0, 2, 50]), bytes(Math.floor(rnd() * 40))]));
        break;
      case 2: // sync step 2 with random bytes as the update
        out.push(Buffer.concat([Buffer.from([0, 1, 20]), bytes(20)]));
        break;
      case 3: // awareness with garbage
        out.push(Buffer.concat([Buffer.from([1, 30]), bytes(30)]));
        break;
      case 4: // unknown message types
        out.push(Buffer.from([7 + Math.floor(rnd() * 100), 1, 2, 3]));
        break;
      default: // oversized
        out.push(Buffer.alloc(70 * 1024, 1));
    }
  }
  return out;
}

describe.each(DB_KINDS)('collab endpoint under malformed input (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  const clients: CollabClient[] = [];
  beforeEach(async () => {
    server = await startTestServer({ db, config: { collabMaxMessageBytes: 64 * 1024 } });
    s = await jointSessionScenario(server);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.dispose();
  });

  it('survives 1,000 malformed or oversized messages; the doc stays intact and other docs keep syncing', async () => {
    const target = docName({ kind: 'map', id: s.couple.id });
    const keeper = collabClient(server.url, target, { browser: s.therapist });
    clients.push(keeper);
    await synced(keeper);
    nodes(keeper.doc).set('cycle', 'pursue-withdraw');
    const other = await s.therapist.ok<{ id: string }>('POST', '/api/couples', {
      name: 'Kim & Lee',
      policy: 'secrets-kept',
      partners: [
        { displayName: 'Kim', language: 'en' },
        { displayName: 'Lee', language: 'en' },
      ],
    });
    const otherDoc = docName({ kind: 'map', id: other.id });
    const o1 = collabClient(server.url, otherDoc, { browser: s.therapist });
    const o2 = collabClient(server.url, otherDoc, { browser: s.therapist });
    clients.push(o1, o2);
    await Promise.all([synced(o1), synced(o2)]);

    const messages = garbageMessages(1000, 11);
    const url = `${server.url.replace('http', 'ws')}${COLLAB_PATH}/${target}`;
    const closeCodes = new Map<number, number>();
    // Attackers at a time, each sending garbage until the server closes it: as many as the doc seats beside the keeper.
    const atOnce = COLLAB_MAX_CONNECTIONS_PER_DOC - 1;
    for (let batch = 0; batch < messages.length; batch += atOnce) {
      await Promise.all(
        messages.slice(batch, batch + atOnce).map(
          (msg) =>
            new Promise<void>((resolve) => {
              const ws = new WebSocket(url, { headers: { cookie: s.therapist.cookieHeader } });
              // The garbage, then a sentinel the server answers in order (a sync step 1): an answer means the
              // garbage was read and left the connection open, and this client hangs up.
              ws.on('open', () => {
                ws.send(msg);
                ws.send(syncStep1Frame());
              });
              ws.on('message', (data: Buffer) => {
                if (data[0] === 0 && data[1] === 1) ws.terminate(); // sync step 2: the sentinel's answer
              });
              ws.on('error', () => undefined);
              ws.on('close', (code) => {
                closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
                resolve();
              });
            }),
        ),
      );
      // Meanwhile the other doc keeps syncing.
      nodes(o1.doc).set(`tick${batch}`, 'x');
    }
    await waitFor(() => nodes(o2.doc).size === Math.ceil(messages.length / atOnce), 5000, 'other doc syncing');
    expect(closeCodes.get(4400)).toBeGreaterThan(300);
    expect(closeCodes.get(4413)).toBeGreaterThan(100); // MESSAGE_TOO_LARGE

    // The attacked doc is intact and still syncs.
    nodes(keeper.doc).set('after', 'still fine');
    const fresh = collabClient(server.url, target, { browser: s.therapist });
    clients.push(fresh);
    await waitFor(() => nodes(fresh.doc).get('after') === 'still fine', 5000, 'target doc syncing');
    expect(nodes(fresh.doc).get('cycle')).toBe('pursue-withdraw');
    expect(keeper.provider.wsconnected).toBe(true);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  }, 60_000);
});
