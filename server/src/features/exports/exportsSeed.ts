/**
 * Seeds one case with a unique marker for every audience (issue 15's export tests): each partner's panel,
 * reflections, conflict log, weekly ratings, personal summary, private chat, intake, screening answers, location
 * and stop signal; the therapist's progress note and notes doc; a summary for the couple. Through the real routes
 * where a route exists; the private chat and the panel and notes docs are written straight into storage / the
 * collab server (their routes are sockets and WebSockets, covered by their own tests).
 */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import {
  SAFETY_SCREENING,
  TELEHEALTH_CONSENT,
  WEEKLY_RATINGS_ID,
  docName,
  type BetweenMeDto,
  type CoupleSafetyDto,
  type MeasureResponseDto,
  type PartnerSummaryDto,
  type SessionHomeworkDto,
  type WeeklyStateDto,
} from '@tandem/shared';
import { Browser, redeem, tokenFromUrl, type TestServer } from '../../test/harness.js';
import { caseScenario, type CaseScenario } from '../between/betweenTest.js';

/** Screening answers that raise the flag, with `note` as the free-text answer. */
export const riskyAnswers = (note: string) => ({
  'unsafe-home': 1,
  afraid: 3,
  hurt: 0,
  threats: 0,
  control: 1,
  monitoring: 0,
  pressure: 0,
  'held-back': 2,
  'joint-safe': 0,
  'anything-else': note,
});

/** Another couple of the same therapist (Kim & Lee), for tests that prove nothing of it rides along. */
export async function otherCouple(therapist: Browser): Promise<{ id: string }> {
  return therapist.ok<{ id: string }>('POST', '/api/couples', {
    name: 'Kim & Lee',
    policy: 'no-secrets',
    partners: [
      { displayName: 'Kim', language: 'en' },
      { displayName: 'Lee', language: 'en' },
    ],
  });
}

export interface PartnerMarks {
  panel: string;
  task: string;
  reflection: string;
  helped: string;
  summary: string;
  chat: string;
  address: string;
  contact: string;
  screening: string;
  location: string;
  /** Filled in once seeded: ids unique to this partner's rows. */
  weeklyId: string;
  stopSignalId: string;
}

const marks = (who: 'ALEX' | 'SAM', n: number): PartnerMarks => ({
  panel: `ZQPANEL${who}${n}`,
  task: `ZQTASK${who}${n + 1}`,
  reflection: `ZQREFLECT${who}${n + 2}`,
  helped: `ZQHELPED${who}${n + 3}`,
  summary: `ZQSUMMARY${who}${n + 4}`,
  chat: `ZQCHAT${who}${n + 5}`,
  address: `ZQADDRESS${who}${n + 6}`,
  contact: `ZQCONTACT${who}${n + 7}`,
  screening: `ZQSCREEN${who}${n + 8}`,
  location: `ZQLOCATION${who}${n + 9}`,
  weeklyId: '',
  stopSignalId: '',
});

export interface SeededCase extends CaseScenario {
  alexMarks: PartnerMarks;
  samMarks: PartnerMarks;
  therapistMarks: { note: string; notesDoc: string };
  coupleSummary: string;
  /** A second session (not ended) each partner holds a session cookie for. */
  liveSessionId: string;
  alexSession: Browser;
  samSession: Browser;
  /** Released summary ids: the couple's and each partner's own. */
  summaryIds: { couple: string; alex: string; sam: string };
}

export async function seedCase(server: TestServer): Promise<SeededCase> {
  const c = await caseScenario(server);
  const { s, ids } = c;
  const alexMarks = marks('ALEX', 10);
  const samMarks = marks('SAM', 50);
  const therapistMarks = { note: 'ZQTHERAPISTNOTE91', notesDoc: 'ZQNOTESDOC92' };
  const coupleSummary = 'ZQCOUPLESUMMARY93';
  const db = server.ctx.db;

  // The therapist's progress note and private notes doc of the (ended) session.
  await s.therapist.ok('PUT', `/api/sessions/${s.sessionId}/progress-note`, {
    format: 'dap',
    content: { fields: {}, sections: { data: therapistMarks.note }, partners: [] },
  });
  await server.collab.withDoc(docName({ kind: 'notes', id: s.sessionId }), (d) =>
    d.getText('notes').insert(0, therapistMarks.notesDoc),
  );

  // A second session, not ended: each partner's session cookie, location and stop signal.
  const next = await s.therapist.ok<{ session: { id: string }; invites: { partnerId: string; url: string }[] }>(
    'POST',
    '/api/sessions',
    { coupleId: s.couple.id, kind: 'joint' },
  );
  const liveSessionId = next.session.id;
  const alexSession = new Browser(server.url);
  const samSession = new Browser(server.url);
  const tasks: Record<string, string> = {};
  for (const [browser, id, m] of [
    [alexSession, ids.a, alexMarks],
    [samSession, ids.b, samMarks],
  ] as const) {
    await redeem(browser, tokenFromUrl(next.invites.find((i) => i.partnerId === id)!.url));
    await browser.ok('PUT', `/api/join/${liveSessionId}/location`, {
      usual: false,
      address: m.location,
      country: 'US',
      private: true,
    });
    m.stopSignalId = randomUUID();
    await browser.ok('POST', `/api/join/${liveSessionId}/stop-signal`, { id: m.stopSignalId });
    // Panel (their private space) and their private chat with the therapist.
    await server.collab.withDoc(docName({ kind: 'panel', id }), (d) => {
      d.getText('notes').insert(0, m.panel);
      d.getMap('prep').set('hear', new Y.Text(`${m.panel}HEAR`));
    });
    await db
      .insertInto('chat_messages')
      .values({
        id: randomUUID(),
        couple_id: s.couple.id,
        partner_id: id,
        session_id: liveSessionId,
        author: 'partner',
        text: m.chat,
        created_at: server.ctx.clock.now(),
        read_at: null,
      })
      .execute();
    const hw = await s.therapist.ok<SessionHomeworkDto>('POST', `/api/sessions/${s.sessionId}/homework`, {
      partnerId: id,
      text: m.task,
      dueAt: null,
      repeat: 'none',
    });
    tasks[id] = hw.agreed.find((t) => t.text === m.task)!.id;
  }

  // Between sessions, on each case link: marks, weekly ratings, conflict log, intake, screening answers.
  for (const [browser, id, m] of [
    [c.alex, ids.a, alexMarks],
    [c.sam, ids.b, samMarks],
  ] as const) {
    await browser.ok('PUT', `/api/me/homework/${tasks[id]}/mark`, { done: true, reflection: m.reflection });
    const week = await browser.ok<WeeklyStateDto>('PUT', '/api/me/weekly', {
      instrumentId: WEEKLY_RATINGS_ID,
      instrumentVersion: 1,
      answers: { connection: 5, trust: 4, closeness: 6 },
    });
    m.weeklyId = (week.current as MeasureResponseDto).id;
    await browser.ok('POST', '/api/me/conflicts', {
      occurredAt: new Date(server.ctx.clock.now() - 3_600_000).toISOString(),
      durationMin: 20,
      repairMin: 30,
      pauseUsed: true,
      helped: m.helped,
    });
    await browser.ok('PUT', '/api/me/intake', {
      contactName: m.contact,
      contactPhone: '+1 555 0100',
      contactRelation: 'sibling',
      address: m.address,
      country: 'US',
      consent: true,
      consentVersion: TELEHEALTH_CONSENT.version,
    });
    const sent = await s.therapist.ok<CoupleSafetyDto>('POST', `/api/couples/${s.couple.id}/partners/${id}/screenings`);
    const screeningId = sent.partners.find((p) => p.partnerId === id)!.screenings[0]!.id;
    await browser.ok('POST', `/api/me/screenings/${screeningId}`, {
      instrumentId: SAFETY_SCREENING.id,
      instrumentVersion: 1,
      answers: riskyAnswers(m.screening),
    });
  }

  // Summaries: one for the couple, one for each partner alone.
  const base = `/api/sessions/${s.sessionId}/summaries`;
  for (const [key, message] of [
    ['couple', coupleSummary],
    [ids.a, alexMarks.summary],
    [ids.b, samMarks.summary],
  ] as const) {
    const draft = {
      include: { map: false, exercises: false, task: false, nextSession: false },
      message,
      language: 'en',
    };
    const saved = await s.therapist.ok<PartnerSummaryDto>('PUT', `${base}/${key}`, draft);
    await s.therapist.ok('POST', `${base}/${key}/release`, { contentHash: saved.contentHash });
  }
  const idsOf = async (b: Browser) => (await b.ok<BetweenMeDto>('GET', '/api/me')).summaries;
  const alexList = await idsOf(c.alex);
  const samList = await idsOf(c.sam);
  const summaryIds = {
    couple: alexList.find((i) => !i.personal)!.id,
    alex: alexList.find((i) => i.personal)!.id,
    sam: samList.find((i) => i.personal)!.id,
  };
  return {
    ...c,
    alexMarks,
    samMarks,
    therapistMarks,
    coupleSummary,
    liveSessionId,
    alexSession,
    samSession,
    summaryIds,
  };
}
