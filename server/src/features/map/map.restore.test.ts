import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { docName, type MapRestoreDto, type MapSnapshotDto } from '@tandem/shared';
import {
  DB_KINDS,
  addTherapist,
  call,
  connectSocket,
  jointSessionScenario,
  redeem,
  startTestServer,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';
import { addCard, collabClient, labelOf, setLabel, synced, waitFor, type CollabClient } from '../../test/collab.js';

const keys = (doc: Y.Doc) => [...doc.getMap('nodes').keys()].sort();

describe.each(DB_KINDS)('restore a kept version of the map (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  let mapDoc: string;
  const clients: CollabClient[] = [];
  const client = (...args: Parameters<typeof collabClient>) => {
    const c = collabClient(...args);
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
    mapDoc = docName({ kind: 'map', id: s.couple.id });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.dispose();
  });

  /** The map as it was when the session ended: two cards. Returns the kept snapshot's id. */
  async function keptVersion(t: CollabClient): Promise<string> {
    addCard(t.doc, 'trigger', 'a', 'Alex asks');
    addCard(t.doc, 'quiet', 'b', 'Sam goes quiet');
    await waitFor(() => labelOf(server.collab.loadedDoc(mapDoc)!, 'quiet') === 'Sam goes quiet');
    const socket = await connectSocket(s.therapist, s.sessionId);
    try {
      expect(await call(socket, 'session:end', {})).toMatchObject({ ok: true });
    } finally {
      socket.close();
    }
    const history = await s.therapist.ok<MapSnapshotDto[]>('GET', `/api/couples/${s.couple.id}/map/history`);
    expect(history).toHaveLength(1);
    return history[0]!.id;
  }

  it('sets the live map back for everyone connected, and an offline client’s later edit merges on top', async () => {
    const t = client(server.url, mapDoc, { browser: s.therapist });
    const t2 = client(server.url, mapDoc, { browser: s.therapist });
    const away = client(server.url, mapDoc, { browser: s.therapist });
    await Promise.all([synced(t), synced(t2), synced(away)]);
    const snapshotId = await keptVersion(t);
    // Damage after the session: a card deleted, one changed, junk added.
    t.doc.getMap('nodes').delete('trigger');
    setLabel(t.doc, 'quiet', 'changed later');
    for (let i = 0; i < 5; i++) addCard(t.doc, `junk${i}`, 'shared', 'junk');
    await waitFor(() => keys(t2.doc).length === 6 && keys(away.doc).length === 6, 5000, 'the damage everywhere');
    // One tab goes offline and keeps editing.
    away.provider.disconnect();
    addCard(away.doc, 'offline', 'shared', 'written offline');

    const res = await s.therapist.request<MapRestoreDto>('POST', `/api/map-snapshots/${snapshotId}/restore`);
    expect(res.body).toEqual({ ok: true, data: { snapshotId, docName: mapDoc } });
    for (const c of [t, t2]) {
      await waitFor(() => keys(c.doc).join() === 'quiet,trigger', 5000, 'restored');
      expect(labelOf(c.doc, 'trigger')).toBe('Alex asks');
      expect(labelOf(c.doc, 'quiet')).toBe('Sam goes quiet');
    }
    away.provider.connect();
    await waitFor(() => keys(t.doc).join() === 'offline,quiet,trigger', 5000, 'the offline edit on top');
    expect(labelOf(away.doc, 'quiet')).toBe('Sam goes quiet');
    expect(keys(away.doc)).toEqual(['offline', 'quiet', 'trigger']);
    // Stored: a fresh joiner after everyone left sees the same.
    for (const c of clients.splice(0)) c.destroy();
    await waitFor(() => server.collab.stats().docs === 0, 5000, 'unload');
    const fresh = client(server.url, mapDoc, { browser: s.therapist });
    await synced(fresh);
    expect(keys(fresh.doc)).toEqual(['offline', 'quiet', 'trigger']);
    const audit = await server.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'map.restore')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_type: 'therapist', target_id: snapshotId, session_id: s.sessionId });
  });

  it('refuses a partner and another therapist, and changes nothing', async () => {
    const t = client(server.url, mapDoc, { browser: s.therapist });
    await synced(t);
    const snapshotId = await keptVersion(t);
    addCard(t.doc, 'later', 'shared', 'still here');
    await waitFor(() => labelOf(server.collab.loadedDoc(mapDoc)!, 'later') === 'still here');
    await redeem(s.partnerA, s.tokenOf(0)).catch(() => undefined); // the session has ended: no cookie either way
    const partner = await s.partnerA.request('POST', `/api/map-snapshots/${snapshotId}/restore`);
    expect(partner.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const stranger = await addTherapist(server);
    const res = await stranger.request('POST', `/api/map-snapshots/${snapshotId}/restore`);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(labelOf(server.collab.loadedDoc(mapDoc)!, 'later')).toBe('still here');
  });
});
