/** Test fixture for the e-mail tests: a server with SMTP_URL pointing at an in-process SMTP server, one couple. */
import type { CoupleDto, CreatedSessionDto } from '@tandem/shared';
import { Browser, TEST_SETUP_TOKEN, startTestServer, type DbKind, type TestServer } from '../../test/harness.js';
import { manualClock } from '../../test/room.js';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.js';

/** Markers that must never be in an e-mail (clinical or identifying content). */
export const COUPLE_NAME = 'Zephyrine & Quillon';
export const NAME_A = 'Zephyrine';
export const NAME_B = 'Quillon';
export const TITLE = 'Affair disclosure TITLEMARK7731';
export const THERAPIST = 'Dr Rivera';
export const PRACTICE = 'Harbour Counselling';

export interface MailWorld {
  server: TestServer;
  smtp: TestSmtp;
  clock: ReturnType<typeof manualClock>;
  therapist: Browser;
  couple: CoupleDto;
  book(at: number | null, extra?: Record<string, unknown>): Promise<CreatedSessionDto>;
  /** Signs the therapist in again (after the clock moved past their sign-in's lifetime). */
  signIn(): Promise<void>;
  dispose(): Promise<void>;
}

export async function mailWorld(db: DbKind, options: { mail?: boolean } = {}): Promise<MailWorld> {
  const smtp = await startTestSmtp();
  const clock = manualClock();
  const env: Record<string, string> =
    options.mail === false ? {} : { SMTP_URL: smtp.url, MAIL_FROM: 'Tandem <no-reply@tandem.test>' };
  const server = await startTestServer({ db, clock, env });
  const therapist = new Browser(server.url);
  await therapist.ok('POST', '/api/setup', {
    name: THERAPIST,
    email: 'rivera@example.org',
    password: 'correct horse battery',
    setupToken: TEST_SETUP_TOKEN,
  });
  await therapist.ok('PUT', '/api/account/practice', { practiceName: PRACTICE });
  const couple = await therapist.ok<CoupleDto>('POST', '/api/couples', {
    name: COUPLE_NAME,
    policy: 'no-secrets',
    partners: [
      { displayName: NAME_A, language: 'en', email: 'zeph@example.org', timeZone: 'America/Santiago' },
      { displayName: NAME_B, language: 'es', email: 'quillon@example.org', timeZone: 'Europe/Madrid' },
    ],
  });
  const world: MailWorld = {
    server,
    smtp,
    clock,
    therapist,
    couple,
    book: (at, extra = {}) =>
      therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
        coupleId: couple.id,
        kind: 'joint',
        title: TITLE,
        scheduledAt: at === null ? null : new Date(at).toISOString(),
        ...extra,
      }),
    async signIn() {
      await therapist.ok('POST', '/api/auth/login', { email: 'rivera@example.org', password: 'correct horse battery' });
    },
    async dispose() {
      await world.server.dispose();
      await smtp.stop();
    },
  };
  return world;
}

/** Everything of a received e-mail a reader could see, decoded (subject, text, HTML, headers). */
export const readable = (m: { subject: string; text: string; html: string; raw: string }) =>
  [m.subject, m.text, m.html, m.raw].join('\n');
