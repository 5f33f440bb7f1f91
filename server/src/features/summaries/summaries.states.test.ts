import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  docName,
  type CreatedSessionDto,
  type PartnerSummariesStateDto,
  type PartnerSummaryDto,
  type ReleasedSummaryItemDto,
  type SummaryDraftBody,
} from '@tandem/shared';
import { partnerSummarySchema } from '@tandem/shared/schemas';
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
import { addCard, collabClient, synced } from '../../test/collab.js';

const body = (message = 'Well done this week.'): SummaryDraftBody => ({
  include: { map: true, exercises: true, task: true, nextSession: true },
  message,
  language: 'en',
});

/** The session held and ended (its therapist opened the room), so a summary can be prepared. */
async function heldSession(server: TestServer, s: Scenario, sessionId = s.sessionId): Promise<void> {
  const socket = await connectSocket(s.therapist, sessionId);
  await call(socket, 'session:hello', {});
  socket.close();
  await s.therapist.ok('POST', `/api/sessions/${sessionId}/end`);
}

describe.each(DB_KINDS)('a partner summary’s states (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  let base: string;

  beforeEach(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
    await redeem(s.partnerA, s.tokenOf(0));
    await redeem(s.partnerB, s.tokenOf(1));
    base = `/api/sessions/${s.sessionId}/summaries`;
  });
  afterEach(async () => {
    await server.dispose();
  });

  const audit = (action: string) =>
    server.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('at').execute();
  const alexList = () => s.partnerA.ok<ReleasedSummaryItemDto[]>('GET', `/api/join/${s.sessionId}/summaries`);

  it('goes draft -> released -> withdrawn (a draft again) -> released, audited, with time and who', async () => {
    await heldSession(server, s);
    const fresh = await s.therapist.ok<PartnerSummaryDto>('GET', `${base}/couple`);
    expect(fresh).toMatchObject({ id: null, status: 'new', released: null });
    expect(() => partnerSummarySchema.parse(fresh.content)).not.toThrow();

    const saved = await s.therapist.ok<PartnerSummaryDto>('PUT', `${base}/couple`, body());
    expect(saved).toMatchObject({ status: 'draft', options: body(), content: { message: 'Well done this week.' } });
    expect(await alexList()).toEqual([]);

    const before = Date.now();
    const released = await s.therapist.ok<PartnerSummaryDto>('POST', `${base}/couple/release`, {
      contentHash: saved.contentHash,
    });
    expect(released).toMatchObject({ status: 'released', released: { byName: 'Dr Rivera' } });
    expect(Date.parse(released.released!.at)).toBeGreaterThanOrEqual(before - 5);
    expect(released.content).toEqual(saved.content);
    const state = await s.therapist.ok<PartnerSummariesStateDto>('GET', base);
    expect(state.audiences.map((a) => [a.key, a.status, a.available])).toEqual([
      ['couple', 'released', true],
      [s.couple.partners[0]!.id, 'new', true],
      [s.couple.partners[1]!.id, 'new', true],
    ]);
    expect((await alexList()).map((i) => i.id)).toEqual([saved.id]);

    // Released is locked: no edit, no second release.
    for (const [method, path, payload] of [
      ['PUT', `${base}/couple`, body('changed')],
      ['POST', `${base}/couple/release`, { contentHash: saved.contentHash }],
    ] as const) {
      const res = await s.therapist.request(method, path, payload);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    }

    const withdrawn = await s.therapist.ok<PartnerSummaryDto>('POST', `${base}/couple/withdraw`);
    expect(withdrawn).toMatchObject({ status: 'draft', released: null, withdrawnAt: expect.any(String) });
    expect(await alexList()).toEqual([]);
    const gone = await s.partnerA.request('GET', `/api/join/${s.sessionId}/summaries/${saved.id}`);
    expect(gone.status).toBe(404);
    expect((await s.therapist.request('POST', `${base}/couple/withdraw`)).status).toBe(409);

    // Edited and released again.
    const edited = await s.therapist.ok<PartnerSummaryDto>('PUT', `${base}/couple`, body('Second version.'));
    await s.therapist.ok('POST', `${base}/couple/release`, { contentHash: edited.contentHash });
    const [item] = await alexList();
    const opened = await s.partnerA.ok<{ content: { message: string } }>(
      'GET',
      `/api/join/${s.sessionId}/summaries/${item!.id}`,
    );
    expect(opened.content.message).toBe('Second version.');

    const me = (await audit('partner_summary.release'))[0]?.actor_id;
    expect((await audit('partner_summary.release')).map((r) => [r.actor_type, r.session_id, r.target_id])).toEqual([
      ['therapist', s.sessionId, saved.id],
      ['therapist', s.sessionId, saved.id],
    ]);
    expect((await audit('partner_summary.withdraw')).map((r) => [r.actor_id, r.target_id])).toEqual([[me, saved.id]]);
  });

  it('releases only what was reviewed: a change since (the map, the note’s task) refuses with CONFLICT', async () => {
    const socket = await connectSocket(s.therapist, s.sessionId);
    await call(socket, 'session:hello', {});
    const saved = await s.therapist.ok<PartnerSummaryDto>('PUT', `${base}/couple`, body());
    expect(saved.content.map?.nodes).toEqual([]);

    // A card is added after the review.
    const map = collabClient(server.url, docName({ kind: 'map', id: s.couple.id }), {
      browser: s.therapist,
      sessionId: s.sessionId,
    });
    await synced(map);
    addCard(map.doc, 'late-card', 'a', 'Added after the review');
    await map.roundTrip();
    await server.collabStore.drain();
    const stale = await s.therapist.request('POST', `${base}/couple/release`, { contentHash: saved.contentHash });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await alexList()).toEqual([]);

    // Reviewed again, then the task changes.
    const again = await s.therapist.ok<PartnerSummaryDto>('GET', `${base}/couple`);
    expect(again.content.map?.nodes.map((n) => n.label)).toEqual(['Added after the review']);
    await s.therapist.ok('PUT', `/api/sessions/${s.sessionId}/progress-note`, {
      format: 'dap',
      content: { fields: { task: 'A new task' }, sections: {}, partners: [] },
    });
    expect(
      (await s.therapist.request('POST', `${base}/couple/release`, { contentHash: again.contentHash })).status,
    ).toBe(409);
    const third = await s.therapist.ok<PartnerSummaryDto>('GET', `${base}/couple`);
    expect(third.content.task).toBe('A new task');
    await s.therapist.ok('POST', `${base}/couple/release`, { contentHash: third.contentHash });
    expect(await alexList()).toHaveLength(1);
    map.destroy();
    socket.close();
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    await heldSession(server, s);
    const bad: unknown[] = [
      { ...body(), message: 'x'.repeat(4001) },
      { ...body(), message: 'bidi \u202e override' },
      { ...body(), message: 'nul \u0000' },
      { ...body(), language: 'fr' },
      { ...body(), include: { map: true } },
      { ...body(), include: { ...body().include, notes: true } },
      { ...body(), extra: 1 },
      'not json',
    ];
    for (const payload of bad) {
      const res = await s.therapist.request('PUT', `${base}/couple`, payload);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect((await s.therapist.request('PUT', `${base}/nobody`, body())).status).toBe(400);
    expect((await s.therapist.request('PUT', `${base}/${crypto.randomUUID()}`, body())).status).toBe(404);
    expect((await s.therapist.request('POST', `${base}/couple/release`, { contentHash: 'abc' })).status).toBe(400);
    // Nothing to release yet, and nothing in it.
    expect((await s.therapist.request('POST', `${base}/couple/release`, { contentHash: 'a'.repeat(64) })).status).toBe(
      409,
    );
    const empty = await s.therapist.ok<PartnerSummaryDto>('PUT', `${base}/couple`, {
      include: { map: false, exercises: false, task: false, nextSession: false },
      message: '   ',
      language: 'es',
    });
    const refused = await s.therapist.request('POST', `${base}/couple/release`, { contentHash: empty.contentHash });
    expect(refused.status).toBe(400);
    expect((await s.therapist.ok<PartnerSummariesStateDto>('GET', base)).audiences[0]?.status).toBe('draft');
    expect(await server.ctx.db.selectFrom('partner_summaries').select('status').execute()).toEqual([
      { status: 'draft' },
    ]);
  });

  it('keeps an individual session’s summary for its partner, and refuses a session not yet held', async () => {
    const [alex, sam] = s.couple.partners;
    const created = await s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'individual',
      partnerId: alex!.id,
    });
    const url = `/api/sessions/${created.session.id}/summaries`;
    expect((await s.therapist.request('PUT', `${url}/${alex!.id}`, body())).status).toBe(409);
    await heldSession(server, s, created.session.id);
    const state = await s.therapist.ok<PartnerSummariesStateDto>('GET', url);
    expect(state.audiences.map((a) => [a.key, a.available])).toEqual([
      ['couple', false],
      [alex!.id, true],
    ]);
    expect((await s.therapist.request('PUT', `${url}/couple`, body())).status).toBe(400);
    expect((await s.therapist.request('PUT', `${url}/${sam!.id}`, body())).status).toBe(404);
    expect((await s.therapist.ok<PartnerSummaryDto>('PUT', `${url}/${alex!.id}`, body())).status).toBe('draft');
  });

  it('is the session’s own therapist’s: another therapist is FORBIDDEN, a partner FORBIDDEN, nobody UNAUTHENTICATED', async () => {
    await heldSession(server, s);
    await s.therapist.ok('PUT', `${base}/couple`, body('Only for them'));
    const other = await addTherapist(server);
    for (const [who, status] of [
      [other, 403],
      [s.partnerA, 403],
    ] as const) {
      for (const [method, path, payload] of [
        ['GET', base, undefined],
        ['GET', `${base}/couple`, undefined],
        ['PUT', `${base}/couple`, body('hijacked')],
        ['POST', `${base}/couple/release`, { contentHash: 'a'.repeat(64) }],
        ['POST', `${base}/couple/withdraw`, undefined],
      ] as const) {
        const res = await who.request(method, path, payload);
        expect(res.status, `${method} ${path}`).toBe(status);
        expect(JSON.stringify(res.body)).not.toContain('Only for them');
      }
    }
    const res = await fetch(`${server.url}${base}/couple`, { headers: { origin: server.url } });
    expect(res.status).toBe(401);
    expect((await s.therapist.ok<PartnerSummaryDto>('GET', `${base}/couple`)).options.message).toBe('Only for them');
  });
});

describe('a partner summary’s rate limits', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.dispose();
  });

  it('refuses a partner’s reads past the limit with RATE_LIMITED', async () => {
    server = await startTestServer();
    const s = await jointSessionScenario(server);
    await redeem(s.partnerA, s.tokenOf(0));
    let n = 0;
    let last = await s.partnerA.request('GET', `/api/join/${s.sessionId}/summaries`);
    while (last.status === 200 && n < 500) {
      last = await s.partnerA.request('GET', `/api/join/${s.sessionId}/summaries`);
      n++;
    }
    expect(last.status).toBe(429);
    expect(last.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(n).toBe(60);
  });
});
