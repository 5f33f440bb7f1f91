/**
 * The intake and the private screening are therapist-only: partner B's every route (their case page, their
 * session link, the therapist's routes with B's cookies) carries none of A's, nor any sign that A was sent or
 * answered a screening (B's own answers are byte-identical before and after). Byte search with sentinels.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SAFETY_SCREENING,
  TELEHEALTH_CONSENT,
  type BetweenMeDto,
  type CoupleSafetyDto,
  type IntakeDto,
  type MySafetyDto,
  type PartnerSummaryDto,
} from '@tandem/shared';
import { DB_KINDS, redeem, startTestServer, type Browser, type TestServer } from '../../test/harness.js';
import { caseScenario, type CaseScenario } from '../between/betweenTest.js';
import { riskyAnswers } from '../exports/exportsSeed.js';

const ALEX = {
  contact: 'ZZCONTACT-ALEX-31',
  phone: '+1 555 0131 999',
  relation: 'ZZRELATION-ALEX-32',
  address: 'ZZADDRESS-ALEX-33',
  note: 'ZZSCREEN-NOTE-ALEX-34',
};

export const intakeOf = (
  who: { contact: string; phone: string; relation: string; address: string },
  country: string,
) => ({
  contactName: who.contact,
  contactPhone: who.phone,
  contactRelation: who.relation,
  address: who.address,
  country,
  consent: true,
  consentVersion: TELEHEALTH_CONSENT.version,
});

const risky = riskyAnswers(ALEX.note);

describe.each(DB_KINDS)('the intake and the private screening are therapist-only (%s)', (db) => {
  let server: TestServer;
  let c: CaseScenario;

  beforeEach(async () => {
    server = await startTestServer({ db });
    c = await caseScenario(server);
  });
  afterEach(async () => {
    await server.dispose();
  });

  /** Every answer Sam's browsers get, byte by byte. */
  async function samSees(paths: string[], browsers: Browser[]): Promise<string> {
    let all = '';
    for (const path of paths) {
      for (const b of browsers) {
        const res = await fetch(server.url + path, { headers: { cookie: b.cookieHeader, origin: server.url } });
        all += `\n${path}: ${await res.text()}`;
      }
    }
    return all;
  }

  it('keeps A’s intake, the screening sent to A, its answers and its flag from B on every route; the therapist reads them', async () => {
    const { s, ids, alex, sam } = c;
    // Sam also holds their session link's cookie (a second session, not ended).
    const next = await s.therapist.ok<{ session: { id: string }; invites: { partnerId: string; url: string }[] }>(
      'POST',
      '/api/sessions',
      { coupleId: s.couple.id, kind: 'joint' },
    );
    const samInvite = next.invites.find((i) => i.partnerId === ids.b)!;
    await redeem(sam, samInvite.url.split('#')[1] ?? '');
    // A summary released to the couple: Sam reads it on their page (JSON and PDF).
    const base = `/api/sessions/${s.sessionId}/summaries/couple`;
    const draft = {
      include: { map: false, exercises: false, task: false, nextSession: false },
      message: 'OK-COUPLE',
      language: 'en',
    };
    const saved = await s.therapist.ok<PartnerSummaryDto>('PUT', base, draft);
    await s.therapist.ok('POST', `${base}/release`, { contentHash: saved.contentHash });
    const summaryId = (await sam.ok<BetweenMeDto>('GET', '/api/me')).summaries[0]!.id;
    const samPaths = [
      '/api/me',
      `/api/me/summaries/${summaryId}`,
      '/api/me/safety',
      `/api/join/${next.session.id}/location`,
      `/api/join/${next.session.id}`,
      `/api/couples/${s.couple.id}/safety`,
      `/api/couples/${s.couple.id}/between`,
      `/api/sessions/${next.session.id}/whereabouts`,
      `/api/sessions/${s.sessionId}/whereabouts`,
    ];
    const samBefore = await samSees(samPaths, [sam]);

    // Alex gives the intake; the therapist sends Alex the screening; Alex answers it with risk.
    const intake = await alex.ok<IntakeDto>('PUT', '/api/me/intake', intakeOf(ALEX, 'CL'));
    expect(intake).toMatchObject({ contactName: ALEX.contact, country: 'CL', consentVersion: 1 });
    const sent = await s.therapist.ok<CoupleSafetyDto>(
      'POST',
      `/api/couples/${s.couple.id}/partners/${ids.a}/screenings`,
    );
    const screeningId = sent.partners.find((p) => p.partnerId === ids.a)!.screenings[0]!.id;
    expect(sent.flagged).toBe(false);
    const alexPage = await alex.ok<MySafetyDto>('GET', '/api/me/safety');
    expect(alexPage.screening).toMatchObject({ id: screeningId, instrument: { id: SAFETY_SCREENING.id } });
    // Sam cannot answer it: NOT_FOUND, nothing changes.
    const body = { instrumentId: SAFETY_SCREENING.id, instrumentVersion: 1, answers: risky };
    expect((await sam.request('POST', `/api/me/screenings/${screeningId}`, body)).status).toBe(404);
    const afterAnswer = await alex.ok<MySafetyDto>('POST', `/api/me/screenings/${screeningId}`, body);
    expect(afterAnswer.screening).toBeNull();
    // A second answer is refused (the screening is closed).
    expect((await alex.request('POST', `/api/me/screenings/${screeningId}`, body)).status).toBe(404);

    // The therapist: the intake with Chile's numbers, the answers, and the flag with its reasons.
    const view = await s.therapist.ok<CoupleSafetyDto>('GET', `/api/couples/${s.couple.id}/safety`);
    expect(view.flagged).toBe(true);
    const alexView = view.partners.find((p) => p.partnerId === ids.a)!;
    expect(alexView.intake?.address).toBe(ALEX.address);
    expect(alexView.emergency).toMatchObject({ number: '131', fallback: false });
    expect(alexView.screenings[0]).toMatchObject({ flagged: true, riskItems: ['afraid', 'held-back', 'joint-safe'] });
    expect(JSON.stringify(view)).toContain(ALEX.note);

    // Sam: not one byte of it, and not even a sign: every answer is the same as before Alex did anything.
    const samAfter = await samSees(samPaths, [sam]);
    for (const marker of [...Object.values(ALEX), screeningId, 'flagged', 'riskItems', 'joint-safe'])
      expect(samAfter, `Sam saw ${marker}`).not.toContain(marker);
    expect(samAfter).toBe(samBefore);
    // The summary's PDF as Sam downloads it. A weak check alone (PDF streams are compressed); the JSON above is the
    // same content, byte-identical before and after.
    const pdf = await fetch(`${server.url}/api/me/summaries/${summaryId}.pdf`, {
      headers: { cookie: sam.cookieHeader, origin: server.url },
    });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const pdfText = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
    for (const marker of [...Object.values(ALEX), screeningId]) expect(pdfText).not.toContain(marker);
  });

  it('refuses bad intakes and screenings with a typed error, changing nothing', async () => {
    const { s, ids, alex } = c;
    const good = intakeOf(ALEX, 'ES');
    for (const bad of [
      { ...good, consent: false },
      { ...good, country: 'ZZ' },
      { ...good, contactPhone: 'ring me' },
      { ...good, address: 'x'.repeat(501) },
      { ...good, extra: 1 },
      { ...good, contactName: '   ' },
    ]) {
      const res = await alex.request('PUT', '/api/me/intake', bad);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect((await alex.request('PUT', '/api/me/intake', { ...good, consentVersion: 99 })).status).toBe(409);
    expect((await alex.ok<MySafetyDto>('GET', '/api/me/safety')).intake).toBeNull();

    // One open screening at a time; a partner of another couple is unknown; incomplete answers are refused.
    const send = `/api/couples/${s.couple.id}/partners/${ids.a}/screenings`;
    await s.therapist.ok('POST', send);
    expect((await s.therapist.request('POST', send)).status).toBe(409);
    const id = (await alex.ok<MySafetyDto>('GET', '/api/me/safety')).screening!.id;
    const partial = { instrumentId: SAFETY_SCREENING.id, instrumentVersion: 1, answers: { afraid: 1 } };
    expect((await alex.request('POST', `/api/me/screenings/${id}`, partial)).status).toBe(400);
    const outOfRange = { ...partial, answers: { ...risky, afraid: 9 } };
    expect((await alex.request('POST', `/api/me/screenings/${id}`, outOfRange)).status).toBe(400);
    expect((await alex.ok<MySafetyDto>('GET', '/api/me/safety')).screening?.id).toBe(id);
    // A partner's cookie never reaches the therapist's routes.
    expect((await alex.request('POST', send)).status).toBeGreaterThanOrEqual(401);
  });
});
