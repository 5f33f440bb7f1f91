/**
 * The per-item log: a card a partner shares with the room and a summary the therapist releases are each recorded
 * with who moved it, when, and the policy version current at that moment; the therapist reads the log on the
 * couple's page, a partner never does.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docName, type CouplePolicyDto, type PartnerSummaryDto } from '@tandem/shared';
import {
  DB_KINDS,
  call,
  jointSessionScenario,
  startTestServer,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';
import { admittedRoom, type Room } from '../../test/room.js';
import { collabClient, synced, waitFor, type CollabClient } from '../../test/collab.js';
import { issueLink, openLink } from '../between/betweenTest.js';
import { Browser } from '../../test/harness.js';
import { recordMove } from './policy.store.js';

describe.each(DB_KINDS)('the moved-items log (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  let room: Room;
  const clients: CollabClient[] = [];

  beforeEach(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
    room = await admittedRoom(server, s);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    room.close();
    await server.dispose();
  });

  it('records a shared card under version 1 and a released summary under version 2, with who and when', async () => {
    const alex = s.couple.partners[0]!;
    const sam = s.couple.partners[1]!;
    const panelName = docName({ kind: 'panel', id: alex.id });
    const panel = collabClient(server.url, panelName, { browser: s.partnerA, sessionId: s.sessionId });
    clients.push(panel);
    await synced(panel);
    panel.doc.getMap('prep').set('hear', new Y.Text('I miss you'));
    await waitFor(() => server.collab.loadedDoc(panelName)?.getMap('prep').get('hear')?.toString() === 'I miss you');
    const shared = await call<{ cardId: string }>(room.partnerA, 'map:share', { field: 'hear', text: 'I miss you' });
    expect(shared.ok).toBe(true);
    const cardId = shared.ok ? shared.data.cardId : '';
    // A refused share (words the panel does not hold) logs nothing.
    const refused = await call(room.partnerA, 'map:share', { field: 'hear', text: 'Not in my panel' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await server.ctx.db.selectFrom('moved_items').select('item_id').execute()).toEqual([{ item_id: cardId }]);

    const policy = `/api/couples/${s.couple.id}/policy`;
    await s.therapist.ok('PUT', policy, { kind: 'secrets-kept', words: null, baseVersion: 1 });
    await s.therapist.ok('POST', `/api/sessions/${s.sessionId}/end`);
    const summary = `/api/sessions/${s.sessionId}/summaries/${sam.id}`;
    const draft = {
      include: { map: false, exercises: false, task: false, nextSession: false },
      message: 'Well done today',
      language: 'es',
    };
    const saved = await s.therapist.ok<PartnerSummaryDto>('PUT', summary, draft);
    await s.therapist.ok('POST', `${summary}/release`, { contentHash: saved.contentHash });

    const view = await s.therapist.ok<CouplePolicyDto>('GET', policy);
    expect(view.moved).toHaveLength(2);
    const byKind = Object.fromEntries(view.moved.map((m) => [m.kind, m]));
    expect(byKind['share_card']).toMatchObject({
      itemId: cardId,
      movedBy: { type: 'partner', id: alex.id },
      sessionId: s.sessionId,
      policyVersion: 1,
    });
    expect(byKind['summary_release']).toMatchObject({
      itemId: saved.id,
      movedBy: { type: 'therapist' },
      sessionId: s.sessionId,
      policyVersion: 2,
    });
    expect(Date.parse(byKind['summary_release']!.movedAt)).toBeGreaterThanOrEqual(
      Date.parse(byKind['share_card']!.movedAt),
    );
    // The log holds ids, never the words moved.
    expect(JSON.stringify(view)).not.toContain('I miss you');

    // A partner's page has their policy, never the couple's log.
    const link = await issueLink(s, alex.id);
    const alexCase = new Browser(server.url);
    await openLink(alexCase, link);
    const mine = await alexCase.request('GET', '/api/me/policy');
    expect(mine.body.ok).toBe(true);
    expect(JSON.stringify(mine.body)).not.toContain(cardId);
    expect(JSON.stringify(mine.body)).not.toContain('share_card');
    expect((await alexCase.request('GET', policy)).body.ok).toBe(false);
  });

  it('takes a revealed draft through the same entry point, under the current version', async () => {
    await s.therapist.ok('PUT', `/api/couples/${s.couple.id}/policy`, {
      kind: 'limited-secrets',
      words: null,
      baseVersion: 1,
    });
    const version = await recordMove(server.ctx.db, {
      coupleId: s.couple.id,
      kind: 'draft_reveal',
      itemId: 'draft-card-1',
      by: { type: 'therapist', id: 'therapist-1' },
      sessionId: s.sessionId,
      at: server.ctx.clock.now(),
    });
    expect(version).toBe(2);
    const view = await s.therapist.ok<CouplePolicyDto>('GET', `/api/couples/${s.couple.id}/policy`);
    expect(view.moved).toMatchObject([{ kind: 'draft_reveal', itemId: 'draft-card-1', policyVersion: 2 }]);
  });
});
