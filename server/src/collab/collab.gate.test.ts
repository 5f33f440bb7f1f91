/**
 * The collab core's write gate (a fact read from outside the process before an update is judged, e.g. the map's
 * lock): while it is read the connection's messages wait in order; a barred answer refuses the update; a failed
 * read closes the connection with nothing applied (fail closed). Real storage (SQLite), content rules aside.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { CloseCode } from '@tandem/shared';
import { startTestServer, type TestServer } from '../test/harness.js';
import { collabClient, firstCloseCode, synced, waitFor, type CollabClient } from '../test/collab.js';
import { CollabServer } from './collabServer.js';

const DOC = 'gate.test';
const list = (doc: Y.Doc) => doc.getArray<string>('a');

describe('the collab write gate', () => {
  let server: TestServer;
  let core: CollabServer<null>;
  let httpServer: http.Server;
  let url: string;
  /** Each gate read waits here until the test answers it. */
  let reads: { resolve: (barred: boolean) => void; reject: (err: Error) => void }[];
  const clients: CollabClient[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    reads = [];
    const store = server.collabStore;
    core = new CollabServer<null>({
      authorize: () => Promise.resolve(null),
      writeGate: () => new Promise<boolean>((resolve, reject) => reads.push({ resolve, reject })),
      canWrite: (_c, _name, _update, _doc, barred) => !barred,
      load: (name) => store.load(name),
      store: (name, update) => store.store(name, update),
    });
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
  const client = () => {
    const c = collabClient(url, DOC);
    clients.push(c);
    return c;
  };
  const serverList = () => list(core.loadedDoc(DOC)!).toArray();
  /** Synced, and whatever the client sent so far (its own step 2) let through the gate and processed. */
  const ready = async (c: CollabClient) => {
    await synced(c);
    let done = false;
    const fence = c.roundTrip().then(() => (done = true)); // answered only after the messages before it
    while (!done) {
      await waitFor(() => done || reads.length > 0, 5000, 'a read or the answer');
      reads.shift()?.resolve(false);
    }
    await fence;
  };

  it('holds a connection’s updates while the gate is read, then applies them in order', async () => {
    const c = client();
    await ready(c);
    list(c.doc).push(['one']);
    list(c.doc).push(['two']);
    await waitFor(() => reads.length === 1, 5000, 'the first read');
    expect(serverList()).toEqual([]); // nothing applied while the gate is read, the second update waits behind
    reads.shift()!.resolve(false);
    await waitFor(() => reads.length === 1, 5000, 'the second read, after the first');
    expect(serverList()).toEqual(['one']);
    reads.shift()!.resolve(true); // barred now: refused, nothing applied
    await waitFor(() => c.denied() === 1, 5000, 'the refusal');
    expect(serverList()).toEqual(['one']);
  });

  it('closes the connection with nothing applied when the gate cannot be read', async () => {
    const c = client();
    const reader = client();
    await ready(reader);
    await ready(c);
    list(c.doc).push(['lost']);
    await waitFor(() => reads.length === 1, 5000, 'the read');
    reads.shift()!.reject(new Error('database unreachable'));
    expect(await firstCloseCode(c)).toBe(CloseCode.INTERNAL);
    expect(serverList()).toEqual([]);
    expect(list(reader.doc).toArray()).toEqual([]);
  });
});
