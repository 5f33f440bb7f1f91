import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { docName } from '@tandem/shared';
import { DB_KINDS, jointSessionScenario } from '../test/harness.js';
import { spawnServer, type ServerProcess } from '../test/process.js';
import { collabClient, synced, waitFor, type CollabClient } from '../test/collab.js';

const nodes = (doc: Y.Doc) => doc.getMap<number>('nodes');

describe.each(DB_KINDS)('collab across a crash (%s)', (db) => {
  let proc: ServerProcess | undefined;
  const clients: CollabClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await proc?.dispose();
  });

  it('loses no acknowledged edit when the server is killed (SIGKILL) and restarted mid-editing', async () => {
    proc = await spawnServer(db);
    const s = await jointSessionScenario(proc);
    const name = docName({ kind: 'map', id: s.couple.id });
    const editor = collabClient(proc.url, name, { browser: s.therapist });
    const watcher = collabClient(proc.url, name, { browser: s.therapist });
    clients.push(editor, watcher);
    await Promise.all([synced(editor), synced(watcher)]);

    // Edit continuously, as fast as a person's rate allows (30 a second: each person's limit holds across
    // reconnects); an edit is "acknowledged" once the other client has received it from the server.
    let i = 0;
    let editing = true;
    const acknowledged = new Set<string>();
    nodes(watcher.doc).observe((e) => {
      for (const k of e.keysChanged) acknowledged.add(k);
    });
    const loop = (async () => {
      while (editing) {
        if (editor.provider.wsconnected) nodes(editor.doc).set(`k${i}`, i++);
        await new Promise((r) => setTimeout(r, 40)); // the pace of the edits, not a wait
      }
    })();
    await waitFor(() => acknowledged.size >= 50, 15_000, '50 acknowledged edits');
    await proc.kill('SIGKILL');
    const ackedBeforeCrash = [...acknowledged];
    expect(ackedBeforeCrash.length).toBeGreaterThanOrEqual(50);
    await proc.start();
    await waitFor(() => acknowledged.size >= ackedBeforeCrash.length + 25, 20_000, 'edits after restart');
    editing = false;
    await loop;
    await waitFor(() => nodes(watcher.doc).size === nodes(editor.doc).size, 10_000, 'resync');

    // A fresh client sees every acknowledged edit, and everything the editor resent after the crash.
    const fresh = collabClient(proc.url, name, { browser: s.therapist });
    clients.push(fresh);
    await synced(fresh, 10_000);
    for (const k of ackedBeforeCrash) expect(nodes(fresh.doc).has(k), k).toBe(true);
    expect(nodes(fresh.doc).size).toBe(nodes(editor.doc).size);
  }, 60_000); // two server processes start
});
