/**
 * Reminders 24 h and 1 h before a scheduled session (issue 16), moved by the manual clock (no real waiting) and
 * received by an in-process SMTP server: each once, across a restart and across two processes on one PostgreSQL;
 * none for an ended session or for a time the session was moved away from; a mail server that is down is retried
 * with a backoff, and the therapist sees "failed, retrying" then "sent".
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionMailDto } from '@tandem/shared';
import { startTandem } from '../../app.js';
import { createLogger } from '../../lib/logger.js';
import { DB_KINDS } from '../../test/harness.js';
import { COUPLE_NAME, NAME_A, NAME_B, THERAPIST, TITLE, mailWorld, readable, type MailWorld } from './mailFixture.js';
import { RETRY_BASE_MS } from './reminders.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe.each(DB_KINDS)('reminders by e-mail (%s)', (db) => {
  let w: MailWorld;
  afterEach(async () => {
    await w.dispose();
  });

  const tick = () => {
    if (!w.server.reminders) throw new Error('mail is configured: the scheduler should exist');
    return w.server.reminders.tick();
  };
  const kinds = () => w.smtp.received.map((m) => `${m.to} ${m.subject}`).sort();

  it('sends the 24 h and the 1 h reminder once each, in each partner’s language and zone, across a restart', async () => {
    w = await mailWorld(db);
    const at = w.clock.now() + 30 * HOUR;
    await w.book(at);
    await tick();
    expect(w.smtp.received).toHaveLength(0); // 30 h ahead: nothing owed yet

    w.clock.advance(6 * HOUR + MIN); // 23 h 59 min before
    await tick();
    await tick();
    expect(kinds()).toEqual([
      'quillon@example.org Recordatorio: su sesión en Tandem',
      'zeph@example.org Reminder: your Tandem session',
    ]);
    const es = w.smtp.received.find((m) => m.to === 'quillon@example.org');
    expect(es?.text).toContain('mañana');
    expect(es?.text).toContain('Europe/Madrid');
    expect(es?.text).toContain('correo de invitación'); // no link in a reminder: "use your invitation's link"
    expect(es?.text).not.toContain('/join#');

    // A restart forgets nothing: the same pass sends nothing again.
    w.server = await (await w.server.stop().then(() => w.server)).restart();
    await tick();
    expect(w.smtp.received).toHaveLength(2);

    w.clock.advance(23 * HOUR); // 59 min before
    await tick();
    await tick();
    expect(w.smtp.received).toHaveLength(4);
    const lastEn = w.smtp.received.filter((m) => m.to === 'zeph@example.org').at(-1);
    expect(lastEn?.text).toContain('in about an hour');
    expect(lastEn?.text).toContain('America/Santiago');
    for (const m of w.smtp.received) {
      const all = readable(m);
      expect(all).toContain(THERAPIST); // positive control
      for (const marker of [COUPLE_NAME, NAME_A, NAME_B, TITLE, 'TITLEMARK7731']) expect(all).not.toContain(marker);
    }
    w.clock.advance(2 * HOUR); // after the session's time: nothing more
    await tick();
    expect(w.smtp.received).toHaveLength(4);
  });

  it('sends nothing for an ended session, and for a moved one only at the new time', async () => {
    w = await mailWorld(db);
    const ended = await w.book(w.clock.now() + 20 * HOUR);
    await w.therapist.ok('POST', `/api/sessions/${ended.session.id}/end`);
    const moved = await w.book(w.clock.now() + 20 * HOUR);
    await tick(); // 24 h reminders owed for the moved one (20 h ahead); sent now
    expect(w.smtp.received).toHaveLength(2);

    const newAt = w.clock.now() + 48 * HOUR;
    await w.therapist.ok('PATCH', `/api/sessions/${moved.session.id}`, { scheduledAt: new Date(newAt).toISOString() });
    w.clock.advance(19 * HOUR + 30 * MIN); // 30 min before the old time: its 1 h reminder is no longer owed
    await tick();
    expect(w.smtp.received).toHaveLength(2);

    w.clock.advance(5 * HOUR); // 23.5 h before the new time
    await tick();
    expect(w.smtp.received).toHaveLength(4);
    await w.signIn();
    const sends = await w.therapist.ok<SessionMailDto>('GET', `/api/sessions/${moved.session.id}/mail`);
    expect(sends.sends.filter((s) => s.state === 'sent')).toHaveLength(4);
    const none = await w.therapist.ok<SessionMailDto>('GET', `/api/sessions/${ended.session.id}/mail`);
    expect(none.sends).toEqual([]);
  });

  it('sends no reminder to a partner whose link was revoked, and again once a new link is issued', async () => {
    w = await mailWorld(db);
    const booked = await w.book(w.clock.now() + 20 * HOUR);
    const alex = w.couple.partners[0]?.id ?? '';
    await w.therapist.ok('DELETE', `/api/sessions/${booked.session.id}/invites/${alex}`);
    await tick();
    expect(w.smtp.received.map((m) => m.to)).toEqual(['quillon@example.org']);
    await w.therapist.ok('POST', `/api/sessions/${booked.session.id}/invites/${alex}`, {});
    w.clock.advance(19 * HOUR + 30 * MIN); // 30 min before
    await tick();
    expect(w.smtp.received.map((m) => m.to).sort()).toEqual([
      'quillon@example.org',
      'quillon@example.org',
      'zeph@example.org',
    ]);
  });

  it('retries with a backoff while the mail server is down, and sends when it is back', async () => {
    w = await mailWorld(db);
    const booked = await w.book(w.clock.now() + 2 * HOUR);
    await w.smtp.stop();
    w.clock.advance(HOUR + MIN); // 59 min before
    await tick(); // must not throw, nor block
    await w.signIn(); // the hour passed the therapist's idle limit
    const failed = await w.therapist.ok<SessionMailDto>('GET', `/api/sessions/${booked.session.id}/mail`);
    expect(failed.sends).toHaveLength(2);
    expect(failed.sends.every((s) => s.state === 'failed' && s.kind === 'reminder_1h' && s.attempts === 1)).toBe(true);
    expect(failed.sends.every((s) => s.nextAttemptAt !== null)).toBe(true);
    // The server still answers meanwhile.
    expect((await w.therapist.request('GET', '/api/mail')).status).toBe(200);

    await w.smtp.start();
    await tick(); // the backoff has not run out yet
    expect(w.smtp.received).toHaveLength(0);
    w.clock.advance(RETRY_BASE_MS + 1_000);
    await tick();
    expect(w.smtp.received).toHaveLength(2);
    const sent = await w.therapist.ok<SessionMailDto>('GET', `/api/sessions/${booked.session.id}/mail`);
    expect(sent.sends.every((s) => s.state === 'sent' && s.attempts === 2 && s.nextAttemptAt === null)).toBe(true);
  });
});

describe('two processes on one PostgreSQL', () => {
  let w: MailWorld;
  afterEach(async () => {
    await w.dispose();
  });

  it('never send the same reminder twice', async () => {
    w = await mailWorld('postgres');
    const second = await startTandem(
      { ...w.server.config, port: 0 },
      { logger: createLogger('silent'), clock: w.clock },
    );
    try {
      const ticks = () => Promise.all([w.server.reminders?.tick(), second.reminders?.tick()]);
      await w.book(w.clock.now() + 23 * HOUR);
      await w.book(w.clock.now() + 22 * HOUR + 30 * MIN);
      await ticks();
      await ticks();
      expect(w.smtp.received).toHaveLength(4); // two sessions, two partners, each once
      w.clock.advance(22 * HOUR);
      await ticks();
      await ticks();
      expect(w.smtp.received).toHaveLength(8);
      const counts = new Map<string, number>();
      for (const m of w.smtp.received) counts.set(`${m.to}|${m.text}`, (counts.get(`${m.to}|${m.text}`) ?? 0) + 1);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await second.close();
    }
  });
});
