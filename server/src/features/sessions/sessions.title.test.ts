/**
 * A session's title is the therapist's own words: typed when creating or later, checked like every name
 * (length, control and direction marks), and '' for an untitled session (the client names it by its date).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedSessionDto, SessionDto } from '@tandem/shared';
import { DB_KINDS, addTherapist, jointSessionScenario, startTestServer, type TestServer } from '../../test/harness.js';

describe.each(DB_KINDS)('a session’s title (%s)', (db) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ db });
  });
  afterEach(async () => {
    await server.dispose();
  });

  it('keeps the title typed at creation, and stores none for an untitled session', async () => {
    const s = await jointSessionScenario(server);
    expect(s.created.session.title).toBe('');
    const titled = await s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
      title: '  Sesión con la Dra. Rivera ',
    });
    expect(titled.session.title).toBe('Sesión con la Dra. Rivera');
    const list = await s.therapist.ok<SessionDto[]>('GET', `/api/couples/${s.couple.id}/sessions`);
    expect(list.map((x) => x.title).sort()).toEqual(['', 'Sesión con la Dra. Rivera']);
  });

  it('renames a session, and clears the title back to untitled', async () => {
    const s = await jointSessionScenario(server);
    const renamed = await s.therapist.ok<SessionDto>('PATCH', `/api/sessions/${s.sessionId}`, {
      title: 'Check-in after the holidays',
    });
    expect(renamed.title).toBe('Check-in after the holidays');
    expect((await s.therapist.ok<SessionDto>('GET', `/api/sessions/${s.sessionId}`)).title).toBe(
      'Check-in after the holidays',
    );
    expect((await s.therapist.ok<SessionDto>('PATCH', `/api/sessions/${s.sessionId}`, { title: ' ' })).title).toBe('');
  });

  it('refuses a title too long, with control or direction marks, or extra fields, and changes nothing', async () => {
    const s = await jointSessionScenario(server);
    await s.therapist.ok('PATCH', `/api/sessions/${s.sessionId}`, { title: 'Week three' });
    for (const body of [
      { title: 'x'.repeat(121) },
      { title: 'Week\u202Eeerht' },
      { title: 'Week\nthree' },
      { title: 42 },
      {},
      { title: 'Fine', status: 'ended' },
    ]) {
      const res = await s.therapist.request('PATCH', `/api/sessions/${s.sessionId}`, body);
      expect(res.status).toBe(400);
      expect(res.body.ok ? 'ok' : res.body.error.code).toBe('BAD_REQUEST');
    }
    const long = await s.therapist.request('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
      title: 'x'.repeat(121),
    });
    expect(long.status).toBe(400);
    const row = await server.ctx.db.selectFrom('sessions').selectAll().where('id', '=', s.sessionId).executeTakeFirst();
    expect(row?.title).toBe('Week three');
    expect(row?.status).toBe('scheduled');
    expect(await server.ctx.db.selectFrom('sessions').select('id').execute()).toHaveLength(1);
  });

  it('lets only the session’s own therapist rename it', async () => {
    const s = await jointSessionScenario(server);
    const other = await addTherapist(server);
    const res = await other.request('PATCH', `/api/sessions/${s.sessionId}`, { title: 'Mine now' });
    expect(res.status).toBe(403);
    const signedOut = await s.partnerA.request('PATCH', `/api/sessions/${s.sessionId}`, { title: 'Mine now' });
    expect(signedOut.status).toBe(401);
    expect((await s.therapist.ok<SessionDto>('GET', `/api/sessions/${s.sessionId}`)).title).toBe('');
  });
});
