/** In the next session's room, each partner's private panel lists their open tasks with their own marks only. */
import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedSessionDto, HomeworkDto } from '@tandem/shared';
import { DB_KINDS, redeem, startTestServer, tokenFromUrl, type TestServer } from '../../test/harness.js';
import { caseScenario } from './betweenTest.js';

describe.each(DB_KINDS)('tasks in the room (%s)', (db) => {
  let server: TestServer;
  afterEach(async () => {
    await server.dispose();
  });

  it('lists a partner’s open tasks through their session link, ticks them, and shows none of the other’s', async () => {
    server = await startTestServer({ db });
    const { s, ids, alex } = await caseScenario(server);
    const hw = `/api/sessions/${s.sessionId}/homework`;
    await s.therapist.ok('POST', hw, { partnerId: ids.a, text: 'ZZ-ONLY-ALEX-TASK', dueAt: null, repeat: 'none' });
    await s.therapist.ok('POST', hw, { partnerId: null, text: 'Both: a walk', dueAt: null, repeat: 'weekly' });
    const both = (await alex.ok<{ tasks: HomeworkDto[] }>('GET', '/api/me')).tasks.find((t) => t.partnerId === null)!;
    await alex.ok('PUT', `/api/me/homework/${both.id}/mark`, { done: true, reflection: 'ZZ-ALEX-ROOM-REFLECTION' });

    const next = await s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
    });
    const invite = (partnerId: string) => tokenFromUrl(next.invites.find((i) => i.partnerId === partnerId)!.url);
    await redeem(s.partnerA, invite(ids.a));
    await redeem(s.partnerB, invite(ids.b));
    const path = `/api/join/${next.session.id}/homework`;

    const alexTasks = await s.partnerA.ok<HomeworkDto[]>('GET', path);
    expect(alexTasks.map((t) => t.text).sort()).toEqual(['Both: a walk', 'ZZ-ONLY-ALEX-TASK']);
    const res = await fetch(server.url + path, { headers: { cookie: s.partnerB.cookieHeader } });
    const samText = await res.text();
    expect(samText).toContain('Both: a walk');
    for (const marker of ['ZZ-ONLY-ALEX-TASK', 'ZZ-ALEX-ROOM-REFLECTION']) expect(samText).not.toContain(marker);

    // Sam ticks the shared task from the room; Alex's task is not Sam's to tick.
    const ticked = await s.partnerB.ok<HomeworkDto>('PUT', `${path}/${both.id}/mark`, {
      done: true,
      reflection: null,
    });
    expect(ticked.marks.map((m) => m.partnerId)).toEqual([ids.b]);
    const onlyAlex = alexTasks.find((t) => t.partnerId === ids.a)!;
    const refused = await s.partnerB.request('PUT', `${path}/${onlyAlex.id}/mark`, { done: true, reflection: null });
    expect(refused.status).toBe(404);
    // Without a session cookie: UNAUTHENTICATED.
    expect((await alex.request('GET', path)).status).toBe(401);
  });
});
