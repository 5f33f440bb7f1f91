/**
 * Choosing a practice-imported instrument for the session's check-in: the therapist opens it (its latest
 * version) instead of Tandem's; each partner's card gets its definition (items, scale, anchors, both languages)
 * and answers are validated and scored against it. An instrument not made for the occasion, or unknown, is
 * refused; once answered, the occasion's questions no longer change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { InstrumentDefinition, MeasureResponseDto, MeasuresRoomState, MeasuresView } from '@tandem/shared';
import { DB_KINDS, call, startTestServer, type TestServer } from '../../test/harness.js';
import { admittedRoom, type Room } from '../../test/room.js';

const ID = 'practice.session-fit';

/** Made-up items (no licensed wording): three on 0-4, the second reversed. */
function definition(version: number, occasions: InstrumentDefinition['occasions']): InstrumentDefinition {
  const item = (id: string, reversed: boolean) => ({
    id,
    kind: 'scale' as const,
    text: { en: `Statement ${id} v${version}`, es: `Afirmación ${id} v${version}` },
    scale: 'often',
    ...(reversed ? { reversed: true } : {}),
  });
  return {
    id: ID,
    version,
    name: { en: 'Session fit', es: 'Ajuste de la sesión' },
    instructions: { en: 'Since we last met.', es: 'Desde la última vez.' },
    respondent: 'partner',
    occasions,
    scales: {
      often: {
        min: 0,
        max: 4,
        anchors: [
          { value: 0, label: { en: 'Never', es: 'Nunca' } },
          { value: 4, label: { en: 'Always', es: 'Siempre' } },
        ],
      },
    },
    items: [item('f1', false), item('f2', true), item('f3', false)],
    scoring: { method: 'sum', maxMissing: 0 },
    range: { min: 0, max: 12 },
    cutoff: null,
    reliableChange: null,
    source: 'Written for this test.',
  };
}

const occasionOf = (s: MeasuresRoomState, o: string) => s.occasions.find((x) => x.occasion === o);

describe.each(DB_KINDS)('a practice’s own instrument for the check-in (%s)', (db) => {
  let server: TestServer;
  let room: Room;
  afterEach(async () => {
    room.close();
    await server.dispose();
  });

  it('opens its latest version for both partners, scores it, and keeps it once answered', async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
    const { s, ids } = room;
    await s.therapist.ok('POST', '/api/instruments', definition(1, ['check-in']));
    await s.therapist.ok('POST', '/api/instruments', definition(2, ['check-in', 'check-out']));
    await s.therapist.ok('POST', '/api/instruments', { ...definition(1, ['weekly']), id: 'practice.weekly-only' });

    // Refused: made for another occasion, unknown, a built-in of another occasion, a bad id. Nothing changes.
    for (const [instrumentId, code] of [
      ['practice.weekly-only', 'BAD_REQUEST'],
      ['practice.nope', 'NOT_FOUND'],
      ['tandem.check-out', 'NOT_FOUND'],
      ['Not An Id!', 'BAD_REQUEST'],
    ] as const) {
      const res = await call(room.therapist, 'measures:open', { occasion: 'check-in', instrumentId });
      expect(res, instrumentId).toMatchObject({ ok: false, error: { code } });
    }
    const before = await call<MeasuresView>(room.partnerA, 'measures:state', {});
    expect(before.ok && occasionOf(before.data, 'check-in')?.instrumentId).toBe('tandem.check-in');
    // A partner cannot choose.
    const byPartner = await call(room.partnerA, 'measures:open', { occasion: 'check-in', instrumentId: ID });
    expect(byPartner).toMatchObject({ ok: false });

    const opened = await call<MeasuresRoomState>(room.therapist, 'measures:open', {
      occasion: 'check-in',
      instrumentId: ID,
    });
    expect(opened.ok && occasionOf(opened.data, 'check-in')).toMatchObject({
      status: 'open',
      instrumentId: ID,
      instrumentVersion: 2,
    });

    // Sam's card: the definition with its items, scale and anchors in both languages.
    const samView = await call<MeasuresView>(room.partnerB, 'measures:state', {});
    const def = samView.ok ? samView.data.instruments.find((i) => i.id === ID) : undefined;
    expect(def?.version).toBe(2);
    expect(def?.items.map((i) => i.text)).toEqual([
      { en: 'Statement f1 v2', es: 'Afirmación f1 v2' },
      { en: 'Statement f2 v2', es: 'Afirmación f2 v2' },
      { en: 'Statement f3 v2', es: 'Afirmación f3 v2' },
    ]);
    expect(def?.scales['often']?.anchors.map((a) => a.label.es)).toEqual(['Nunca', 'Siempre']);

    // Answers are checked against it and scored (f2 reversed: 4 - 1 = 3).
    const answer = (answers: Record<string, number>, version = 2) =>
      call<MeasureResponseDto>(room.partnerB, 'measures:answer', {
        occasion: 'check-in',
        instrumentId: ID,
        instrumentVersion: version,
        answers,
      });
    expect(await answer({ f1: 9, f2: 1, f3: 2 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await answer({ f1: 2, f2: 1, f3: 2 }, 1)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await answer({ f1: 2, f2: 1, f3: 2 })).toMatchObject({
      ok: true,
      data: { partnerId: ids.b, instrumentId: ID, instrumentVersion: 2, score: 7 },
    });

    // Answered: reopening with other questions is refused; with the same, it reopens.
    await call(room.therapist, 'measures:close', { occasion: 'check-in' });
    const swap = await call(room.therapist, 'measures:open', { occasion: 'check-in', instrumentId: 'tandem.check-in' });
    expect(swap).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Opened again without a choice, it keeps its questions.
    const again = await call<MeasuresRoomState>(room.therapist, 'measures:open', { occasion: 'check-in' });
    expect(again.ok && occasionOf(again.data, 'check-in')).toMatchObject({
      status: 'open',
      instrumentId: ID,
      instrumentVersion: 2,
    });
  });
});
