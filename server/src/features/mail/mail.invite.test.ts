/**
 * Invitations by e-mail (issue 16): a real SMTP server in this process receives them. Each goes in the partner's
 * language with the session time in the partner's time zone, carries their own link, and nothing clinical: no
 * couple name, no partner names, no title. Without SMTP_URL the server offers no e-mail at all.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CoupleDto, MailStatusDto, SessionMailDto } from '@tandem/shared';
import { Browser, DB_KINDS, addTherapist, call, connectSocket, redeem, tokenFromUrl } from '../../test/harness.js';
import {
  COUPLE_NAME,
  NAME_A,
  NAME_B,
  PRACTICE,
  THERAPIST,
  TITLE,
  mailWorld,
  readable,
  type MailWorld,
} from './mailFixture.js';

/** Friday 15 January 2027, 15:00 UTC: 16:00 in Madrid (CET), 12:00 in Santiago (summer, UTC-3). */
const AT = Date.parse('2027-01-15T15:00:00Z');

describe.each(DB_KINDS)('invitations by e-mail (%s)', (db) => {
  let w: MailWorld;
  afterEach(async () => {
    await w.dispose();
  });

  it('e-mails both links on creating a session: each in the partner’s language and zone, nothing clinical', async () => {
    w = await mailWorld(db);
    expect(await w.therapist.ok<MailStatusDto>('GET', '/api/mail')).toEqual({ enabled: true });
    const created = await w.book(AT, { emailInvites: true });
    expect(created.emailed).toEqual(
      expect.arrayContaining([
        { partnerId: w.couple.partners[0]?.id, state: 'sent' },
        { partnerId: w.couple.partners[1]?.id, state: 'sent' },
      ]),
    );
    expect(w.smtp.received).toHaveLength(2);
    const urlOf = (i: 0 | 1) => created.invites.find((v) => v.partnerId === w.couple.partners[i]?.id)?.url ?? '?';

    const es = w.smtp.received.find((m) => m.to === 'quillon@example.org');
    const en = w.smtp.received.find((m) => m.to === 'zeph@example.org');
    if (!es || !en) throw new Error('both partners should have mail');
    expect(es.subject).toBe('Su sesión en Tandem');
    expect(es.language).toBe('es');
    expect(es.text).toContain('viernes, 15 de enero de 2027, 16:00');
    expect(es.text).toContain('Europe/Madrid');
    expect(es.text).toContain(urlOf(1));
    expect(es.html).toContain(`href="${urlOf(1)}"`);
    expect(en.subject).toBe('Your Tandem session');
    expect(en.text).toContain('Friday, January 15, 2027 at 12:00');
    expect(en.text).toContain('America/Santiago');
    expect(en.text).toContain(urlOf(0));
    // Each gets only their own link.
    expect(en.text).not.toContain(tokenFromUrl(urlOf(1)));
    expect(es.text).not.toContain(tokenFromUrl(urlOf(0)));

    for (const m of [es, en]) {
      const all = readable(m);
      // Positive control: the search reads decoded content (the therapist, the practice, the time zone are in it).
      expect(all).toContain(THERAPIST);
      expect(all).toContain(PRACTICE);
      // Decided: the e-mail names no one of the couple (an inbox can be shared), no title, nothing clinical.
      for (const marker of [COUPLE_NAME, NAME_A, NAME_B, TITLE, 'TITLEMARK7731', 'Affair']) {
        expect(all).not.toContain(marker);
      }
      expect(m.html).toContain(`<html lang="${m.language}">`);
      expect(m.text).toBeTruthy();
    }
  });

  it('e-mails the link just shown, only with its current token, and only to the therapist’s own partners', async () => {
    w = await mailWorld(db);
    const created = await w.book(AT);
    expect(w.smtp.received).toHaveLength(0);
    const partner = w.couple.partners[1]?.id ?? '';
    const invite = created.invites.find((v) => v.partnerId === partner);
    const token = tokenFromUrl(invite?.url ?? '');
    const path = `/api/sessions/${created.session.id}/invites/${partner}/email`;
    expect(await w.therapist.ok('POST', path, { token })).toEqual({ partnerId: partner, state: 'sent' });
    expect(w.smtp.received.map((m) => m.to)).toEqual(['quillon@example.org']);
    expect(w.smtp.received[0]?.text).toContain(invite?.url);

    // The other partner's token, a made-up one, a malformed body: refused, nothing sent.
    const otherToken = tokenFromUrl(created.invites.find((v) => v.partnerId !== partner)?.url ?? '');
    expect((await w.therapist.request('POST', path, { token: otherToken })).body).toMatchObject({
      ok: false,
      error: { code: 'INVITE_INVALID' },
    });
    expect((await w.therapist.request('POST', path, { token: 'x'.repeat(43) })).status).toBe(410);
    expect((await w.therapist.request('POST', path, { token, extra: 1 })).status).toBe(400);
    expect((await w.therapist.request('POST', path, { token: 'a'.repeat(5000) })).status).toBe(400);
    // A re-issued link replaces the old one: the old token no longer mails.
    await w.therapist.ok('POST', `/api/sessions/${created.session.id}/invites/${partner}`, {});
    expect((await w.therapist.request('POST', path, { token })).status).toBe(410);
    // Another therapist cannot mail this couple's partners, with a real token or not.
    const other = await addTherapist(w.server);
    expect((await other.request('POST', path, { token })).status).toBe(403);
    expect(w.smtp.received).toHaveLength(1);

    const sent = await w.therapist.ok<SessionMailDto>('GET', `/api/sessions/${created.session.id}/mail`);
    expect(sent.sends).toEqual([expect.objectContaining({ partnerId: partner, kind: 'invite', state: 'sent' })]);
    expect((await other.request('GET', `/api/sessions/${created.session.id}/mail`)).status).toBe(403);
  });

  it('says the mail server failed, keeps nothing, and sends when asked again', async () => {
    w = await mailWorld(db);
    const created = await w.book(AT);
    const partner = w.couple.partners[0]?.id ?? '';
    const token = tokenFromUrl(created.invites.find((v) => v.partnerId === partner)?.url ?? '');
    const path = `/api/sessions/${created.session.id}/invites/${partner}/email`;
    await w.smtp.stop();
    const down = await w.therapist.request('POST', path, { token });
    expect(down.status).toBe(502);
    expect(down.body).toMatchObject({ ok: false, error: { code: 'MAIL_FAILED' } });
    await w.smtp.start();
    await w.therapist.ok('POST', path, { token });
    expect(w.smtp.received).toHaveLength(1);
  });

  it('gives a partner without a zone of their own the time in the practice’s zone', async () => {
    w = await mailWorld(db);
    const partners = [
      { displayName: NAME_A, language: 'en', timeZone: null },
      { displayName: NAME_B, language: 'es' },
    ];
    await w.therapist.ok('PATCH', `/api/couples/${w.couple.id}`, { partners });
    const settings = await w.therapist.ok<Record<string, unknown>>('GET', '/api/practice/settings');
    await w.therapist.ok('PUT', '/api/practice/settings', { ...settings, timeZone: 'Asia/Tokyo' });
    await w.book(AT, { emailInvites: true });
    const en = w.smtp.received.find((m) => m.to === 'zeph@example.org');
    const es = w.smtp.received.find((m) => m.to === 'quillon@example.org');
    // 15:00 UTC is midnight in Tokyo: the next day.
    expect(en?.text).toContain('Saturday, January 16, 2027 at 12:00 AM');
    expect(en?.text).toContain('Asia/Tokyo');
    // A partner's own zone still wins.
    expect(es?.text).toContain('Europe/Madrid');
  });

  it('keeps e-mail addresses and time zones checked, and only in the therapist’s view of the couple', async () => {
    w = await mailWorld(db);
    expect(w.couple.contacts).toEqual([
      { partnerId: w.couple.partners[0]?.id, email: 'zeph@example.org', timeZone: 'America/Santiago' },
      { partnerId: w.couple.partners[1]?.id, email: 'quillon@example.org', timeZone: 'Europe/Madrid' },
    ]);
    const partners = (over: Record<string, unknown>) => [
      { displayName: NAME_A, language: 'en', ...over },
      { displayName: NAME_B, language: 'es' },
    ];
    for (const bad of [
      { timeZone: 'Mars/Olympus' },
      { timeZone: 'x'.repeat(65) },
      { email: 'not-an-address' },
      { email: `${'a'.repeat(250)}@example.org` },
    ]) {
      const res = await w.therapist.request('PATCH', `/api/couples/${w.couple.id}`, { partners: partners(bad) });
      expect(res.status).toBe(400);
    }
    // Absent fields are kept; null clears.
    const kept = await w.therapist.ok<CoupleDto>('PATCH', `/api/couples/${w.couple.id}`, { partners: partners({}) });
    expect(kept.contacts).toEqual(w.couple.contacts);
    const cleared = await w.therapist.ok<CoupleDto>('PATCH', `/api/couples/${w.couple.id}`, {
      partners: partners({ email: null, timeZone: null }),
    });
    expect(cleared.contacts[0]).toEqual({ partnerId: w.couple.partners[0]?.id, email: null, timeZone: null });
    // Creating a session with e-mail then mails only the partner who still has an address.
    const created = await w.book(AT, { emailInvites: true });
    expect(created.emailed).toEqual([{ partnerId: w.couple.partners[1]?.id, state: 'sent' }]);

    // On the wire: what a partner receives (join info, the session's snapshot) holds no address and no zone.
    const b = new Browser(w.server.url);
    const bToken = tokenFromUrl(created.invites.find((v) => v.partnerId === w.couple.partners[1]?.id)?.url ?? '');
    const sessionId = await redeem(b, bToken);
    const info = JSON.stringify((await b.request('GET', `/api/join/${sessionId}`)).body);
    const socket = await connectSocket(b, sessionId);
    const hello = JSON.stringify(await call(socket, 'session:hello', {}));
    socket.close();
    for (const wire of [info, hello]) {
      expect(wire).toContain(NAME_B); // positive control: the search reads real content
      for (const marker of ['quillon@example.org', 'Europe/Madrid', 'America/Santiago', 'example.org']) {
        expect(wire).not.toContain(marker);
      }
    }
  });
});

describe('without SMTP_URL', () => {
  let w: MailWorld;
  afterEach(async () => {
    await w.dispose();
  });

  it('offers no e-mail: says so, refuses a send, and creates sessions with links to copy', async () => {
    w = await mailWorld('sqlite', { mail: false });
    expect(await w.therapist.ok<MailStatusDto>('GET', '/api/mail')).toEqual({ enabled: false });
    expect(w.server.reminders).toBeNull();
    const refused = await w.therapist.request('POST', '/api/sessions', {
      coupleId: w.couple.id,
      kind: 'joint',
      emailInvites: true,
    });
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'MAIL_NOT_CONFIGURED' } });
    const sessions = await w.therapist.ok<unknown[]>('GET', `/api/couples/${w.couple.id}/sessions`);
    expect(sessions).toHaveLength(0);
    const created = await w.book(AT);
    const partner = created.invites[0]?.partnerId ?? '';
    const res = await w.therapist.request('POST', `/api/sessions/${created.session.id}/invites/${partner}/email`, {
      token: tokenFromUrl(created.invites[0]?.url ?? ''),
    });
    expect(res.status).toBe(409);
    expect(w.smtp.received).toHaveLength(0);
    expect(created.invites[0]?.url).toContain('/join#');
  });
});
