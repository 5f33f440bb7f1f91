/**
 * The reveal: A's cards reach the couple's map only after the therapist asks AND A says yes, written by the server
 * into A's lane, marked revealed on the draft and audited with ids only. A no, a card deleted or changed before
 * the yes, the round closing or the map locked leave B's map byte-identical.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { docName, type CreatedSessionDto, type PartnerDrafts } from '@tandem/shared';
import { DB_KINDS, call, connectSocket, nextEvent, startTestServer, type TestServer } from '../../test/harness.js';
import { collabClient, synced, waitFor, type CollabClient } from '../../test/collab.js';
import { admittedRoom, type Room } from '../../test/room.js';
import { askReveal, draft, ok, openRound, storedMap } from './draftsTest.js';

describe.each(DB_KINDS)('revealing drafts into the map (%s)', (db) => {
  let server: TestServer;
  let room: Room;
  let bMap: CollabClient;

  /** A's two cards, and the request to reveal them (as A's screen receives it). */
  async function asked(cardIds?: (d: PartnerDrafts) => string[]) {
    await draft(room.partnerA, 'trigger', 'When you look at your phone');
    const mine = await draft(room.partnerA, 'underlying-emotion', 'Lonely, scared');
    const pending = nextEvent<PartnerDrafts>(room.partnerA, 'drafts:partner', (d) => d.pending !== null);
    await askReveal(room.therapist, room.ids.a, cardIds ? cardIds(mine) : mine.cards.map((c) => c.id));
    return { mine, revealId: (await pending).pending!.id };
  }

  beforeEach(async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
    await openRound(room.therapist);
    bMap = collabClient(server.url, docName({ kind: 'map', id: room.s.couple.id }), {
      browser: room.s.partnerB,
      sessionId: room.s.sessionId,
    });
    await synced(bMap);
  });
  afterEach(async () => {
    bMap.destroy();
    room.close();
    await server.dispose();
  });

  it('writes the cards into A’s lane only on A’s yes, marks them revealed, and audits ids only', async () => {
    const { mine, revealId } = await asked();
    const before = await storedMap(server, room.s.couple.id);
    expect(before.labels).toEqual([]);
    await bMap.roundTrip();
    expect(bMap.doc.getMap('nodes').size).toBe(0);

    const answered = await ok<PartnerDrafts>(call(room.partnerA, 'drafts:answer', { revealId, agree: true }));
    expect(answered.pending).toBeNull();
    expect(answered.last).toMatchObject({ id: revealId, outcome: 'agreed' });
    const mapIds = answered.cards.map((c) => c.mapCardId!);
    expect(answered.cards.every((c) => c.revealedAt !== null)).toBe(true);
    await waitFor(() => mapIds.every((id) => bMap.doc.getMap('nodes').has(id)), 5000, 'the revealed cards');
    const nodes = bMap.doc.getMap<Y.Map<unknown>>('nodes');
    expect(mapIds.map((id) => nodes.get(id)?.toJSON())).toEqual([
      { kind: 'trigger', side: 'a', label: 'When you look at your phone', x: 0, y: 0 },
      { kind: 'underlying-emotion', side: 'a', label: 'Lonely, scared', x: 0, y: 130 },
    ]);
    const therapistId = (await server.ctx.db.selectFrom('draft_rounds').select('opened_by').executeTakeFirstOrThrow())
      .opened_by;
    const rows = await server.ctx.db.selectFrom('draft_cards').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => [r.revealed_by, r.agreed_by, r.map_card_id])).toEqual([
      [therapistId, room.ids.a, mapIds[0]],
      [therapistId, room.ids.a, mapIds[1]],
    ]);
    const audit = await server.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', 'in', ['map.reveal', 'drafts.reveal_request'])
      .orderBy('at')
      .execute();
    expect(audit.map((a) => [a.action, a.actor_type, a.target_id])).toEqual([
      ['drafts.reveal_request', 'therapist', revealId],
      ['map.reveal', 'partner', mapIds[0]],
      ['map.reveal', 'partner', mapIds[1]],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/phone|Lonely/);
    // The confidentiality log: each revealed card, moved by the therapist under the couple's policy then (1).
    const moved = await server.ctx.db
      .selectFrom('moved_items')
      .selectAll()
      .where('kind', '=', 'draft_reveal')
      .execute();
    expect(moved.map((m) => [m.item_id, m.moved_by_type, m.moved_by, Number(m.policy_version)]).sort()).toEqual(
      [
        [mapIds[0], 'therapist', therapistId, 1],
        [mapIds[1], 'therapist', therapistId, 1],
      ].sort(),
    );
    // A revealed card stays as it went onto the map; asking again for it is refused.
    expect(
      await call(room.partnerA, 'drafts:save', { id: mine.cards[0]!.id, kind: 'trigger', text: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(
      await call(room.therapist, 'drafts:reveal', { partnerId: room.ids.a, cardIds: [mine.cards[0]!.id] }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('reveals one card of several when only that one is asked for', async () => {
    const { mine, revealId } = await asked((d) => [d.cards[1]!.id]);
    const answered = await ok<PartnerDrafts>(call(room.partnerA, 'drafts:answer', { revealId, agree: true }));
    expect(answered.cards.map((c) => c.revealedAt !== null)).toEqual([false, true]);
    await waitFor(() => bMap.doc.getMap('nodes').size === 1, 5000, 'one card');
    expect(JSON.stringify(bMap.doc.getMap('nodes').toJSON())).not.toContain('phone');
    expect(mine.cards).toHaveLength(2);
  });

  it('writes the cards once when two of A’s devices say yes at the same time', async () => {
    const { revealId } = await asked();
    const answers = await Promise.all([
      call(room.partnerA, 'drafts:answer', { revealId, agree: true }),
      call(room.partnerA, 'drafts:answer', { revealId, agree: true }),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.find((a) => !a.ok)).toMatchObject({
      ok: false,
      error: { code: expect.stringMatching(/^(CONFLICT|NOT_FOUND)$/) as unknown },
    });
    expect((await storedMap(server, room.s.couple.id)).labels).toHaveLength(2);
  });

  const untouched: [string, (r: { mine: PartnerDrafts; revealId: string }) => Promise<string>][] = [
    [
      'A says no',
      async ({ revealId }) => {
        await ok(call(room.partnerA, 'drafts:answer', { revealId, agree: false }));
        return 'NOT_FOUND';
      },
    ],
    [
      'A deletes a card before the yes',
      async ({ mine }) => {
        await ok(call(room.partnerA, 'drafts:delete', { id: mine.cards[0]!.id }));
        return 'NOT_FOUND';
      },
    ],
    [
      'A changes a card before the yes',
      async ({ mine }) => {
        await draft(room.partnerA, 'trigger', 'Something else', mine.cards[0]!.id);
        return 'NOT_FOUND';
      },
    ],
    [
      'the round closes before the yes',
      async () => {
        await ok(call(room.therapist, 'drafts:close', {}));
        return 'CONFLICT';
      },
    ],
    [
      'the map is locked at the yes',
      async () => {
        await ok(call(room.therapist, 'map:lock', { locked: true }));
        return 'FORBIDDEN';
      },
    ],
  ];
  for (const [what, act] of untouched) {
    it(`leaves B’s map byte-identical when ${what}`, async () => {
      const r = await asked();
      const before = await storedMap(server, room.s.couple.id);
      const code = await act(r);
      expect(await call(room.partnerA, 'drafts:answer', { revealId: r.revealId, agree: true })).toMatchObject({
        ok: false,
        error: { code },
      });
      expect(await storedMap(server, room.s.couple.id)).toEqual(before);
      await bMap.roundTrip();
      expect(bMap.doc.getMap('nodes').size).toBe(0);
      const revealed = await server.ctx.db
        .selectFrom('draft_cards')
        .select('id')
        .where('revealed_at', 'is not', null)
        .execute();
      expect(revealed).toEqual([]);
      const audit = await server.ctx.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'map.reveal')
        .execute();
      expect(audit).toEqual([]);
    });
  }

  it('refuses hostile input with typed errors and changes nothing', async () => {
    const { mine, revealId } = await asked();
    const b = await draft(room.partnerB, 'action', 'Sam’s own card');
    const snapshot = async () => ({
      map: await storedMap(server, room.s.couple.id),
      cards: await server.ctx.db.selectFrom('draft_cards').selectAll().orderBy('id').execute(),
      reveals: await server.ctx.db.selectFrom('draft_reveals').selectAll().orderBy('id').execute(),
    });
    const before = await snapshot();
    const refusals: [ReturnType<typeof call>, string][] = [
      [call(room.partnerA, 'drafts:save', { kind: 'trigger', text: 'x'.repeat(501) }), 'PAYLOAD_TOO_LARGE'],
      [call(room.partnerA, 'drafts:save', { kind: 'trigger', text: 'x'.repeat(20_001) }), 'BAD_REQUEST'],
      [call(room.partnerA, 'drafts:save', { kind: 'note', text: 'x' }), 'BAD_REQUEST'],
      [call(room.partnerA, 'drafts:save', { kind: 'trigger', text: '   ' }), 'BAD_REQUEST'],
      [call(room.partnerA, 'drafts:save', { kind: 'trigger', text: 'x', partnerId: room.ids.b }), 'BAD_REQUEST'],
      // Sam's card is not Alex's to change or delete, and the other way round.
      [call(room.partnerA, 'drafts:save', { id: b.cards[0]!.id, kind: 'trigger', text: 'x' }), 'NOT_FOUND'],
      [call(room.partnerB, 'drafts:delete', { id: mine.cards[0]!.id }), 'NOT_FOUND'],
      [call(room.partnerA, 'drafts:delete', { id: randomUUID() }), 'NOT_FOUND'],
      // Only the therapist asks; only the partner asked answers.
      [call(room.partnerA, 'drafts:reveal', { partnerId: room.ids.a, cardIds: [mine.cards[0]!.id] }), 'FORBIDDEN'],
      [call(room.partnerB, 'drafts:open', {}), 'FORBIDDEN'],
      [call(room.partnerB, 'drafts:answer', { revealId, agree: true }), 'NOT_FOUND'],
      [call(room.therapist, 'drafts:answer', { revealId, agree: true }), 'FORBIDDEN'],
      [call(room.therapist, 'drafts:save', { kind: 'trigger', text: 'x' }), 'FORBIDDEN'],
      [call(room.partnerA, 'drafts:answer', { revealId: randomUUID(), agree: true }), 'NOT_FOUND'],
      // Unknown or mismatched ids in a request: Sam's card named as Alex's, a stranger, too many.
      [call(room.therapist, 'drafts:reveal', { partnerId: room.ids.a, cardIds: [b.cards[0]!.id] }), 'NOT_FOUND'],
      [call(room.therapist, 'drafts:reveal', { partnerId: randomUUID(), cardIds: [randomUUID()] }), 'NOT_FOUND'],
      [call(room.therapist, 'drafts:reveal', { partnerId: room.ids.a, cardIds: [] }), 'BAD_REQUEST'],
      [
        call(room.therapist, 'drafts:reveal', {
          partnerId: room.ids.a,
          cardIds: Array.from({ length: 21 }, randomUUID),
        }),
        'BAD_REQUEST',
      ],
      [call(room.therapist, 'drafts:reveal', { partnerId: room.ids.a, cardIds: ['nope'] }), 'BAD_REQUEST'],
    ];
    for (const [res, code] of refusals) expect(await res).toMatchObject({ ok: false, error: { code } });
    expect(await snapshot()).toEqual(before);

    // No more than 20 cards a round.
    for (let i = 2; i < 20; i++) await draft(room.partnerA, 'action', `card ${i}`);
    expect(await call(room.partnerA, 'drafts:save', { kind: 'action', text: 'one too many' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(
      await server.ctx.db.selectFrom('draft_cards').select('id').where('partner_id', '=', room.ids.a).execute(),
    ).toHaveLength(20);
  });

  it('holds the rate limits: 120 drafting calls a minute per partner, 60 per therapist', async () => {
    for (let i = 0; i < 120; i++) await call(room.partnerA, 'drafts:delete', { id: randomUUID() });
    expect(await call(room.partnerA, 'drafts:save', { kind: 'trigger', text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    expect(await call(room.partnerB, 'drafts:save', { kind: 'trigger', text: 'x' })).toMatchObject({ ok: true });
    // (one call spent opening the round in beforeEach)
    for (let i = 0; i < 59; i++) await call(room.therapist, 'drafts:open', {});
    expect(await call(room.therapist, 'drafts:close', {})).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    expect(await server.ctx.db.selectFrom('draft_rounds').select('closed_at').execute()).toEqual([{ closed_at: null }]);
  });

  it('refuses drafting when no round is open, and in an individual session', async () => {
    await ok(call(room.therapist, 'drafts:close', {}));
    expect(await call(room.partnerA, 'drafts:save', { kind: 'trigger', text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await ok(call(room.partnerA, 'drafts:state', {}))).toEqual({ round: null, partners: [] });

    const individual = await room.s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: room.s.couple.id,
      kind: 'individual',
      partnerId: room.ids.a,
    });
    const aside = await connectSocket(room.s.therapist, individual.session.id);
    try {
      await call(aside, 'session:hello', {});
      expect(await call(aside, 'drafts:open', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    } finally {
      aside.close();
    }

    const rounds = await server.ctx.db.selectFrom('draft_rounds').select('session_id').execute();
    expect(rounds).toEqual([{ session_id: room.s.sessionId }]);
  });
});
