/**
 * The partner's summary is built from an allow-list: markers written into every therapist-only and private place
 * (the progress note's fields, sections, presentations and risk notes; the psychotherapy notes; both partners'
 * private panels and private chats; another partner's individual session) appear in no byte of any answer a
 * partner can reach, while the allowed parts (the map, the exercise, the task, the next session, the message
 * meant for them) do.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  docName,
  type CreatedSessionDto,
  type PartnerSummaryDto,
  type ProgressNoteBody,
  type ReleasedSummaryDto,
  type ReleasedSummaryItemDto,
  type SummaryDraftBody,
} from '@tandem/shared';
import { releasedSummarySchema } from '@tandem/shared/schemas';
import type { Browser } from '../../test/harness.js';
import { DB_KINDS, call, redeem, startTestServer, tokenFromUrl, type TestServer } from '../../test/harness.js';
import { addCard, collabClient, synced, waitFor, type CollabClient } from '../../test/collab.js';
import { admittedRoom, type Room } from '../../test/room.js';
import { readPdf, structNodes } from '../../test/pdf.js';

/** Therapist-only or another audience's words: never in a partner's answer. */
const NOTE_MARKERS = {
  attendance: 'ZZNOTE-ATTENDANCE-41',
  cycle: 'ZZNOTE-CYCLE-42',
  skill: 'ZZNOTE-SKILL-43',
  data: 'ZZNOTE-DATA-44',
  assessment: 'ZZNOTE-ASSESS-45',
  plan: 'ZZNOTE-PLAN-46',
  presentationA: 'ZZNOTE-PRESENT-A-47',
  presentationB: 'ZZNOTE-PRESENT-B-48',
  riskA: 'ZZRISK-A-49',
  riskB: 'ZZRISK-B-50',
};
const PSYCHO = { task: 'ZZPSYCHO-TASK-51', risk: 'ZZPSYCHO-RISK-52', free: 'ZZPSYCHO-FREE-53' };
const PANEL = { a: 'ZZPANEL-ALEX-54', b: 'ZZPANEL-SAM-55', hearA: 'ZZHEAR-ALEX-56' };
const CHAT = { a: 'ZZCHAT-ALEX-57', toB: 'ZZCHAT-TO-SAM-58' };
const B_ONLY_SESSION = 'ZZINDIVIDUAL-SAM-59';
const FORBIDDEN = [
  ...Object.values(NOTE_MARKERS),
  ...Object.values(PSYCHO),
  ...Object.values(PANEL),
  ...Object.values(CHAT),
  B_ONLY_SESSION,
  'moderate',
];
/** Allowed: each must reach its audience (proof the search looks where the content is). */
const OK = { map: 'OKMAP-CARD-61', task: 'OKTASK-practise one pause-62', couple: 'OKMSG-COUPLE-63' };
const MSG = { a: 'OKMSG-FOR-ALEX-64', b: 'OKMSG-FOR-SAM-65', bDraft: 'OKMSG-SAM-DRAFT-66' };

const draft = (message: string, language: 'en' | 'es' = 'en'): SummaryDraftBody => ({
  include: { map: true, exercises: true, task: true, nextSession: true },
  message,
  language,
});

/**
 * Every answer a partner browser gets for these requests, as raw text; a PDF as its bytes with every stream
 * inflated, its metadata, and the text PDF.js extracts (a font subset's glyph codes hide words from a raw search).
 */
async function reach(
  server: TestServer,
  who: Browser,
  paths: string[],
): Promise<{ path: string; text: string; pdf: boolean }[]> {
  const out = [];
  for (const path of paths) {
    const res = await fetch(server.url + path, { headers: { cookie: who.cookieHeader, origin: server.url } });
    if (res.headers.get('content-type') === 'application/pdf') {
      const bytes = new Uint8Array(await res.arrayBuffer());
      const read = await readPdf(bytes);
      const alts = read.pages.flatMap((p) => structNodes(p.struct).map((n) => n.alt ?? ''));
      out.push({ path, text: [read.raw, JSON.stringify(read.info), read.text, ...alts].join('\n'), pdf: true });
    } else out.push({ path, text: await res.text(), pdf: false });
  }
  return out;
}

describe.each(DB_KINDS)('a partner’s summary holds only the allow-list (%s)', (db) => {
  let server: TestServer;
  let room: Room;
  const clients: CollabClient[] = [];

  beforeEach(async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    room.close();
    await server.dispose();
  });

  const open = async (name: string, browser: Browser) => {
    const c = collabClient(server.url, name, { browser, sessionId: room.s.sessionId });
    clients.push(c);
    await synced(c);
    return c;
  };

  it('no partner answer carries a therapist-only or another audience’s marker; each gets what is theirs', async () => {
    const { s, ids } = room;
    const sid = s.sessionId;
    const therapist = s.therapist;

    // The couple's map (allowed), the psychotherapy notes, both private panels (never).
    const map = await open(docName({ kind: 'map', id: s.couple.id }), therapist);
    addCard(map.doc, 'card-ok', 'shared', OK.map);
    const notes = await open(docName({ kind: 'notes', id: sid }), therapist);
    notes.doc.transact(() => {
      for (const [k, v] of Object.entries(PSYCHO)) notes.doc.getMap('note').set(k, new Y.Text(v));
    });
    const panelA = await open(docName({ kind: 'panel', id: ids.a }), s.partnerA);
    panelA.doc.getText('notes').insert(0, PANEL.a);
    panelA.doc.getMap('prep').set('hear', new Y.Text(PANEL.hearA));
    const panelB = await open(docName({ kind: 'panel', id: ids.b }), s.partnerB);
    panelB.doc.getText('notes').insert(0, PANEL.b);
    for (const c of [map, notes, panelA, panelB]) await c.roundTrip();
    expect(clients.map((c) => c.denied())).toEqual([0, 0, 0, 0]);
    await waitFor(() => map.doc.getMap('nodes').size === 1);

    // Private chats, both ways.
    expect((await call(room.partnerA, 'chat:send', { partnerId: ids.a, text: CHAT.a })).ok).toBe(true);
    expect((await call(room.therapist, 'chat:send', { partnerId: ids.b, text: CHAT.toB })).ok).toBe(true);

    // An exercise: Alex speaks, Sam listens.
    const started = await call(room.therapist, 'script:start', {
      scriptId: 'speaker-listener',
      assignments: { speaker: ids.a, listener: ids.b },
    });
    expect(started.ok).toBe(true);
    await call(room.therapist, 'script:end', {});
    await server.collabStore.drain();
    await therapist.ok('POST', `/api/sessions/${sid}/end`);

    // The progress note, every field written (the task is the one part allowed).
    const note: ProgressNoteBody = {
      format: 'dap',
      content: {
        fields: {
          attendance: NOTE_MARKERS.attendance,
          cycle: NOTE_MARKERS.cycle,
          skill: NOTE_MARKERS.skill,
          task: OK.task,
        },
        sections: { data: NOTE_MARKERS.data, assessment: NOTE_MARKERS.assessment, plan: NOTE_MARKERS.plan },
        partners: [
          {
            partnerId: ids.a,
            presentation: NOTE_MARKERS.presentationA,
            riskLevel: 'moderate',
            riskNote: NOTE_MARKERS.riskA,
          },
          {
            partnerId: ids.b,
            presentation: NOTE_MARKERS.presentationB,
            riskLevel: 'moderate',
            riskNote: NOTE_MARKERS.riskB,
          },
        ],
      },
    };
    await therapist.ok('PUT', `/api/sessions/${sid}/progress-note`, note);
    await therapist.ok('POST', `/api/sessions/${sid}/progress-note/sign`);

    // The next sessions: Sam's individual one first, then a joint one.
    const soon = new Date(Date.now() + 3 * 86_400_000);
    const later = new Date(Date.now() + 7 * 86_400_000);
    const individual = await therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'individual',
      partnerId: ids.b,
      title: B_ONLY_SESSION,
      scheduledAt: soon.toISOString(),
    });
    const joint = await therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
      scheduledAt: later.toISOString(),
      durationMinutes: 60,
    });

    // For the couple and for Alex: released; for Sam: a draft only.
    const base = `/api/sessions/${sid}/summaries`;
    for (const [key, message] of [
      ['couple', OK.couple],
      [ids.a, MSG.a],
    ] as const) {
      const saved = await therapist.ok<PartnerSummaryDto>('PUT', `${base}/${key}`, draft(message));
      expect(saved.status).toBe('draft');
      await therapist.ok('POST', `${base}/${key}/release`, { contentHash: saved.contentHash });
    }
    const samDraft = await therapist.ok<PartnerSummaryDto>('PUT', `${base}/${ids.b}`, draft(MSG.bDraft, 'es'));
    // Sam's own next session is his individual one; the couple's and Alex's is the joint one.
    expect(samDraft.content.nextSession).toEqual({ at: soon.toISOString(), minutes: 50, kind: 'individual' });
    // In the language chosen for it.
    expect(samDraft.content.exercises.map((e) => e.name)).toEqual(['Hablante y oyente']);

    // Sam's summary is released later with other words; the draft's are gone from what anyone receives.
    const samSaved = await therapist.ok<PartnerSummaryDto>('PUT', `${base}/${ids.b}`, draft(MSG.b, 'es'));
    await therapist.ok('POST', `${base}/${ids.b}/release`, { contentHash: samSaved.contentHash });

    // Each partner's next visit: their new link for the joint session, in the same browser.
    const tokenFor = (partnerId: string) =>
      tokenFromUrl(joint.invites.find((i) => i.partnerId === partnerId)?.url ?? '');
    await redeem(s.partnerA, tokenFor(ids.a));
    await redeem(s.partnerB, tokenFor(ids.b));
    const nextId = joint.session.id;

    const listOf = (who: Browser, sessionId: string) =>
      who.ok<ReleasedSummaryItemDto[]>('GET', `/api/join/${sessionId}/summaries`);
    const alexList = await listOf(s.partnerA, nextId);
    const samList = await listOf(s.partnerB, nextId);
    expect(alexList.map((i) => i.personal).sort()).toEqual([false, true]);
    expect(samList.map((i) => i.personal).sort()).toEqual([false, true]);
    // The ended session's link reads them too, while its cookie stands.
    expect((await listOf(s.partnerA, sid)).map((i) => i.id).sort()).toEqual(alexList.map((i) => i.id).sort());
    const coupleId = alexList.find((i) => !i.personal)!.id;
    const alexOwn = alexList.find((i) => i.personal)!.id;
    const samOwn = samList.find((i) => i.personal)!.id;
    expect(samList.find((i) => !i.personal)!.id).toBe(coupleId);

    const alexOpen = await s.partnerA.ok<ReleasedSummaryDto>('GET', `/api/join/${nextId}/summaries/${alexOwn}`);
    expect(() => releasedSummarySchema.parse(alexOpen)).not.toThrow();
    expect(alexOpen.content).toMatchObject({
      audience: { kind: 'partner', partnerId: ids.a, name: 'Alex' },
      task: OK.task,
      message: MSG.a,
      nextSession: { at: later.toISOString(), minutes: 60, kind: 'joint' },
      exercises: [{ name: 'Speaker and listener', roles: [{ partnerName: 'Alex' }, { partnerName: 'Sam' }] }],
    });
    expect(alexOpen.content.map?.nodes.map((n) => n.label)).toEqual([OK.map]);

    // Not theirs, unknown or malformed: 404, and nothing of it.
    for (const [who, id] of [
      [s.partnerA, samOwn],
      [s.partnerB, alexOwn],
      [s.partnerA, crypto.randomUUID()],
      [s.partnerA, 'not-an-id'],
    ] as const) {
      const res = await who.request('GET', `/api/join/${nextId}/summaries/${id}`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }

    // Every answer each partner can reach, byte by byte.
    const therapistOnly = [
      `/api/sessions/${sid}/record`,
      `/api/sessions/${sid}/progress-note`,
      `${base}`,
      `${base}/couple`,
      `${base}/${ids.a}`,
      `${base}/${ids.b}`,
      `/api/sessions/${nextId}/summaries/couple`,
    ];
    const partnerPaths = (own: string, other: string) => [
      `/api/join/${nextId}`,
      `/api/join/${sid}`,
      `/api/join/${individual.session.id}/summaries`,
      ...[nextId, sid].flatMap((session) => [
        `/api/join/${session}/summaries`,
        `/api/join/${session}/summaries/${coupleId}`,
        `/api/join/${session}/summaries/${own}`,
        `/api/join/${session}/summaries/${other}`,
      ]),
      // The PDFs (the couple's, their own, the other partner's), through the next session's link.
      ...[coupleId, own, other].map((id) => `/api/join/${nextId}/summaries/${id}.pdf`),
      ...therapistOnly,
    ];
    const alexSees = await reach(server, s.partnerA, partnerPaths(alexOwn, samOwn));
    const samSees = await reach(server, s.partnerB, partnerPaths(samOwn, alexOwn));
    for (const [seen, notTheirs] of [
      [alexSees, [MSG.b, MSG.bDraft]],
      [samSees, [MSG.a]],
    ] as const) {
      const all = seen.map((r) => r.text).join('\n');
      for (const marker of [...FORBIDDEN, ...notTheirs]) {
        expect(all.includes(marker), `${marker} in a partner's answer`).toBe(false);
      }
      for (const marker of [OK.map, OK.task, OK.couple]) expect(all).toContain(marker);
    }
    expect(alexSees.map((r) => r.text).join('\n')).toContain(MSG.a);
    expect(samSees.map((r) => r.text).join('\n')).toContain(MSG.b);
    // Each partner got the PDFs that are theirs (the couple's and their own, through both links), and they print
    // what is allowed: the search reads the words a PDF holds.
    for (const [seen, own, msg] of [
      [alexSees, alexOwn, MSG.a],
      [samSees, samOwn, MSG.b],
    ] as const) {
      const pdfs = seen.filter((r) => r.pdf);
      expect(pdfs.map((r) => r.path).sort()).toEqual(
        [coupleId, own].map((x) => `/api/join/${nextId}/summaries/${x}.pdf`).sort(),
      );
      const ownPdf = pdfs.find((r) => r.path.endsWith(`${own}.pdf`))!.text;
      for (const marker of [OK.map, OK.task, msg]) expect(ownPdf).toContain(marker);
    }

    // The therapist's own pages answer a partner as such: FORBIDDEN, not "sign in".
    for (const path of therapistOnly) {
      const res = await s.partnerA.request('GET', path);
      expect(res.status, path).toBe(403);
      expect(res.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }

    // Opening one is audited, as the partner.
    const views = await server.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'partner_summary.view')
      .execute();
    expect(views.some((v) => v.actor_type === 'partner' && v.actor_id === ids.a && v.target_id === alexOwn)).toBe(true);
    const pdfs = await server.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'partner_summary.pdf')
      .execute();
    expect(pdfs.some((v) => v.actor_type === 'partner' && v.actor_id === ids.b && v.target_id === samOwn)).toBe(true);
    // Four PDFs were built and parsed back, on a machine that may be busy.
  }, 60_000);
});
