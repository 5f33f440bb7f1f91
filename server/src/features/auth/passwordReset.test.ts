/**
 * Password reset by a single-use link: "Forgot password" answers the same for an address with an account and one
 * without, and the e-mail reaches the in-process SMTP server in the language asked in; the link works once and
 * for an hour; using it ends every sign-in and signs nobody in (the second factor is still asked). Without e-mail,
 * the owner issues the link; nobody else can. SQLite and PostgreSQL.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generate } from 'otplib';
import type { ForgotPasswordDto, LoginResultDto, ResetLinkDto, TherapistDto, TotpEnrolmentDto } from '@tandem/shared';
import { LIMITS } from '../../lib/rateLimit.js';
import { Browser, DB_KINDS, tokenFromUrl } from '../../test/harness.js';
import { mailWorld, type MailWorld } from '../mail/mailFixture.js';
import { invitePerson } from '../practice/practiceFixture.js';

const EMAIL = 'rivera@example.org';
const NEW_PASSWORD = 'a brand new kettle of herring';

describe.each(DB_KINDS)('password reset (%s)', (db) => {
  let w: MailWorld;
  afterEach(async () => {
    await w.dispose();
  });

  const ask = (b: Browser, email: string, language: 'en' | 'es' = 'en') =>
    b.request<ForgotPasswordDto>('POST', '/api/auth/password-reset', { email, language });
  const complete = (token: string, newPassword = NEW_PASSWORD) =>
    new Browser(w.server.url).request('POST', '/api/auth/password-reset/complete', { token, newPassword });
  const mailedLink = async (count: number) => {
    await vi.waitFor(() => expect(w.smtp.received).toHaveLength(count), { timeout: 10_000, interval: 20 });
    const mail = w.smtp.received[count - 1]!;
    const url = /https?:\/\/\S+\/reset-password#[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
    if (!url) throw new Error('no link in the e-mail');
    return { mail, token: tokenFromUrl(url) };
  };

  it('answers the same with or without an account, mails the link in the language asked in, and it works once', async () => {
    w = await mailWorld(db);
    const anyone = new Browser(w.server.url);
    const unknown = await ask(anyone, 'nobody@example.org');
    const known = await ask(anyone, EMAIL.toUpperCase(), 'es');
    expect(known).toEqual(unknown);
    expect(known).toEqual({ status: 200, body: { ok: true, data: { mail: true } } });
    const { mail, token } = await mailedLink(1);
    expect(mail.to).toBe(EMAIL);
    expect(mail.language).toBe('es');
    expect(mail.subject).toBe('Restablezca su contraseña de Tandem');
    // Too easy a password leaves the link usable.
    expect((await complete(token, 'password1234')).status).toBe(422);
    const done = await complete(token);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ ok: true, data: null });
    // Every sign-in ended (the therapist's browser is signed out); the old password no longer works.
    expect((await w.therapist.request('GET', '/api/auth/me')).status).toBe(401);
    expect(
      (
        await new Browser(w.server.url).request('POST', '/api/auth/login', {
          email: EMAIL,
          password: 'correct horse battery',
        })
      ).status,
    ).toBe(401);
    const again = await complete(token, 'yet another fine password 9');
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ ok: false, error: { code: 'RESET_LINK_INVALID' } });
    await new Browser(w.server.url).ok('POST', '/api/auth/login', { email: EMAIL, password: NEW_PASSWORD });
    const actions = (await w.server.ctx.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['password_reset.request', 'password_reset.use', 'password_reset.refused']),
    );
    // Stored only as a hash.
    const stored = JSON.stringify(await w.server.ctx.db.selectFrom('password_resets').selectAll().execute());
    expect(stored.includes(token)).toBe(false);
  });

  it('expires after an hour; a newer link replaces an older one', async () => {
    w = await mailWorld(db);
    const anyone = new Browser(w.server.url);
    await ask(anyone, EMAIL);
    const first = await mailedLink(1);
    expect(first.mail.subject).toBe('Reset your Tandem password');
    await ask(anyone, EMAIL);
    const second = await mailedLink(2);
    expect((await complete(first.token)).status).toBe(410);
    w.clock.advance(60 * 60 * 1000 + 1);
    expect((await complete(second.token)).status).toBe(410);
  });

  it('does not pass the second factor: the next sign-in still asks for the code', async () => {
    w = await mailWorld(db);
    const started = await w.therapist.ok<TotpEnrolmentDto>('POST', '/api/account/security/totp');
    w.clock.advance(60_000);
    await w.therapist.ok('POST', '/api/account/security/totp/confirm', {
      code: await generate({ secret: started.secret, epoch: Math.floor(w.clock.now() / 1000) }),
    });
    await ask(new Browser(w.server.url), EMAIL);
    const { token } = await mailedLink(1);
    const b = new Browser(w.server.url);
    expect(
      (await b.request('POST', '/api/auth/password-reset/complete', { token, newPassword: NEW_PASSWORD })).status,
    ).toBe(200);
    expect((await b.request('GET', '/api/auth/me')).status).toBe(401);
    const step = await b.ok<LoginResultDto>('POST', '/api/auth/login', { email: EMAIL, password: NEW_PASSWORD });
    expect(step.step).toBe('code');
    expect((await b.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('is rate-limited per address', async () => {
    w = await mailWorld(db);
    const codes: number[] = [];
    for (let i = 0; i <= LIMITS.resetRequestPerAddress.points; i++) {
      codes.push((await ask(new Browser(w.server.url), 'someone@example.org')).status);
    }
    expect(codes.at(-1)).toBe(429);
    expect(codes.slice(0, -1).every((c) => c === 200)).toBe(true);
  });

  it('without e-mail: the reply says so; the owner or an admin issues a colleague a link, by the rules', async () => {
    w = await mailWorld(db, { mail: false });
    expect((await ask(new Browser(w.server.url), EMAIL)).body).toEqual({ ok: true, data: { mail: false } });
    const lee = await invitePerson(w.therapist, `lee-${db}@example.org`);
    const kim = await invitePerson(w.therapist, `kim-${db}@example.org`);
    const admin = await invitePerson(w.therapist, `admin-${db}@example.org`, 'admin');
    const owner = await w.therapist.ok<TherapistDto>('GET', '/api/auth/me');
    const linkFor = (b: Browser, id: string) => b.request('POST', `/api/practice/accounts/${id}/reset-link`);
    // A clinician cannot; nobody signed in cannot; nobody resets their own password this way.
    expect((await linkFor(kim.browser, lee.me.id)).status).toBe(403);
    expect((await linkFor(new Browser(w.server.url), lee.me.id)).status).toBe(401);
    expect((await linkFor(w.therapist, owner.id)).status).toBe(403);
    // An admin can for a clinician, never for the owner (that would be a way to take over the practice).
    expect((await linkFor(admin.browser, owner.id)).status).toBe(403);
    expect((await linkFor(admin.browser, kim.me.id)).status).toBe(200);
    const link = await w.therapist.ok<ResetLinkDto>('POST', `/api/practice/accounts/${lee.me.id}/reset-link`);
    expect(link.url).toMatch(/\/reset-password#[A-Za-z0-9_-]{43}$/);
    expect(w.smtp.received).toHaveLength(0);
    expect((await complete(tokenFromUrl(link.url))).status).toBe(200);
    expect((await lee.browser.request('GET', '/api/auth/me')).status).toBe(401);
    await new Browser(w.server.url).ok('POST', '/api/auth/login', {
      email: `lee-${db}@example.org`,
      password: NEW_PASSWORD,
    });
  });
});
