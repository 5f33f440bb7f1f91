import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import type { LoginResultDto, RecoveryCodesDto, SecurityStateDto, TotpEnrolmentDto } from '@tandem/shared';
import {
  Browser,
  DB_KINDS,
  addTherapist,
  jointSessionScenario,
  startTestServer,
  type TestServer,
} from '../../test/harness.js';
import { manualClock } from '../../test/room.js';

const EMAIL = 'rivera@example.org';
const PASSWORD = 'correct horse battery';

describe.each(DB_KINDS)('a TOTP second factor (%s)', (db) => {
  let server: TestServer;
  let clock: ReturnType<typeof manualClock>;
  let therapist: Browser;
  beforeEach(async () => {
    clock = manualClock();
    server = await startTestServer({ db, clock });
    ({ therapist } = await jointSessionScenario(server));
  });
  afterEach(async () => {
    await server.dispose();
  });

  /** The app's code now (on the server's clock); each use moves a minute on, as a code is accepted once. */
  const codeOf = async (secret: string) => {
    clock.advance(60_000);
    return generate({ secret, epoch: Math.floor(clock.now() / 1000) });
  };
  const enrol = async (b = therapist) => {
    const started = await b.ok<TotpEnrolmentDto>('POST', '/api/account/security/totp');
    const { recoveryCodes } = await b.ok<RecoveryCodesDto>('POST', '/api/account/security/totp/confirm', {
      code: await codeOf(started.secret),
    });
    return { secret: started.secret, recoveryCodes, started };
  };
  const passwordStep = async () => {
    const b = new Browser(server.url);
    const res = await b.ok<LoginResultDto>('POST', '/api/auth/login', { email: EMAIL, password: PASSWORD });
    return { b, step: res.step };
  };
  const actions = async () =>
    (await server.ctx.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);

  it('enrols with a QR code and the secret as text, confirmed by a code; the secret is never sent again', async () => {
    const started = await therapist.ok<TotpEnrolmentDto>('POST', '/api/account/security/totp');
    expect(started.secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(started.uri).toContain(`secret=${started.secret}`);
    expect(started.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // A wrong code enables nothing.
    const wrong = await therapist.request('POST', '/api/account/security/totp/confirm', { code: '000000' });
    expect(wrong.body).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect((await therapist.ok<SecurityStateDto>('GET', '/api/account/security')).totpEnabled).toBe(false);
    const { recoveryCodes } = await therapist.ok<RecoveryCodesDto>('POST', '/api/account/security/totp/confirm', {
      code: await codeOf(started.secret),
    });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const state = await therapist.ok<SecurityStateDto>('GET', '/api/account/security');
    expect(state).toMatchObject({ totpEnabled: true, recoveryCodesLeft: 10, isOwner: true });
    expect(JSON.stringify(state)).not.toContain(started.secret);
    // Starting again is refused while enrolled (it would hand out a secret).
    const again = await therapist.request('POST', '/api/account/security/totp');
    expect(again.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Recovery codes are stored hashed, never as given.
    const stored = await server.ctx.db.selectFrom('recovery_codes').select('code_hash').execute();
    expect(stored).toHaveLength(10);
    for (const c of recoveryCodes) expect(stored.map((r) => r.code_hash)).not.toContain(c);
    expect(await actions()).toContain('therapist.totp_enable');
  });

  it('signs in with the password, then the code; until then the cookie opens nothing', async () => {
    const { secret } = await enrol();
    const { b, step } = await passwordStep();
    expect(step).toBe('code');
    expect((await b.request('GET', '/api/couples')).status).toBe(401);
    expect(await b.ok('GET', '/api/auth/session')).toEqual({ therapist: null, needsSetup: false, step: 'code' });
    const held = b.cookie('tandem_session');
    const done = await b.ok<LoginResultDto>('POST', '/api/auth/login/code', { code: await codeOf(secret) });
    expect(done.step).toBe('signed-in');
    expect((await b.request('GET', '/api/couples')).status).toBe(200);
    // The password step's cookie was replaced; replaying it opens nothing.
    expect(b.cookie('tandem_session')).not.toBe(held);
    const replay = new Browser(server.url);
    replay.setCookie('tandem_session', held ?? '');
    expect((await replay.request('GET', '/api/couples')).status).toBe(401);
  });

  it('refuses a wrong code, then rate-limits the account even for the right code', async () => {
    const { secret } = await enrol();
    const { b } = await passwordStep();
    const right = await codeOf(secret);
    const wrong = right === '123456' ? '654321' : '123456';
    const first = await b.request('POST', '/api/auth/login/code', { code: wrong });
    expect(first.status).toBe(401);
    expect(first.body).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    // Bad shapes are refused before any check.
    expect((await b.request('POST', '/api/auth/login/code', { code: 'x'.repeat(41) })).status).toBe(400);
    expect((await b.request('POST', '/api/auth/login/code', { code: '12', extra: 1 })).status).toBe(400);
    for (let i = 0; i < 4; i++) await b.request('POST', '/api/auth/login/code', { code: wrong });
    const limited = await b.request('POST', '/api/auth/login/code', { code: right });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect((await b.request('GET', '/api/couples')).status).toBe(401);
    expect((await actions()).filter((a) => a === 'therapist.sign_in_code_failed')).toHaveLength(5);
  });

  it('accepts a code once: the same code cannot sign in a second device', async () => {
    const { secret } = await enrol();
    const one = await passwordStep();
    const two = await passwordStep();
    const code = await codeOf(secret);
    await one.b.ok('POST', '/api/auth/login/code', { code });
    const replayed = await two.b.request('POST', '/api/auth/login/code', { code });
    expect(replayed.body).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
  });

  it('keeps the secret sealed at rest, seals one stored before sealing existed, and never opens a copied one', async () => {
    const secretOf = async (email: string) =>
      await server.ctx.db
        .selectFrom('therapists')
        .select(['id', 'totp_secret'])
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
    const { secret } = await enrol();
    const stored = await secretOf(EMAIL);
    expect(stored.totp_secret).toMatch(/^v1\./);
    expect(stored.totp_secret).not.toContain(secret);
    // A secret stored in plain text (before this release) still works, and is sealed the first time it is read.
    await server.ctx.db.updateTable('therapists').set({ totp_secret: secret }).where('id', '=', stored.id).execute();
    const one = await passwordStep();
    await one.b.ok('POST', '/api/auth/login/code', { code: await codeOf(secret) });
    expect((await secretOf(EMAIL)).totp_secret).toMatch(/^v1\./);
    // A sealed secret copied onto another account does not open there: that account's sign-in fails, nothing leaks.
    const other = await addTherapist(server, 'copy@example.org', 'another good password');
    await other.ok('GET', '/api/auth/me');
    const sealed = (await secretOf(EMAIL)).totp_secret;
    await server.ctx.db
      .updateTable('therapists')
      .set({ totp_secret: sealed })
      .where('email', '=', 'copy@example.org')
      .execute();
    const copied = new Browser(server.url);
    await copied.ok('POST', '/api/auth/login', { email: 'copy@example.org', password: 'another good password' });
    const res = await copied.request('POST', '/api/auth/login/code', { code: await codeOf(secret) });
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain(secret);
  });

  it('takes each recovery code once', async () => {
    const { recoveryCodes } = await enrol();
    const [code] = recoveryCodes as [string];
    const one = await passwordStep();
    await one.b.ok('POST', '/api/auth/login/code', { code: code.toUpperCase() });
    expect((await one.b.request('GET', '/api/couples')).status).toBe(200);
    const two = await passwordStep();
    const again = await two.b.request('POST', '/api/auth/login/code', { code });
    expect(again.body).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect((await one.b.ok<SecurityStateDto>('GET', '/api/account/security')).recoveryCodesLeft).toBe(9);
    expect(await actions()).toContain('therapist.recovery_code_used');
  });

  it('sends an account without a second factor to enrol when the owner requires one, and lets nothing else through', async () => {
    const other = await addTherapist(server);
    // Only the owner may set the rule.
    const notOwner = await other.request('PUT', '/api/account/security/require', { required: true });
    expect(notOwner.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const state = await therapist.ok<SecurityStateDto>('PUT', '/api/account/security/require', { required: true });
    expect(state.requireSecondFactor).toBe(true);
    const b = new Browser(server.url);
    const res = await b.ok<LoginResultDto>('POST', '/api/auth/login', {
      email: 'other@example.org',
      password: 'another good password',
    });
    expect(res.step).toBe('enrol');
    expect(await b.ok('GET', '/api/auth/session')).toMatchObject({ step: 'enrol', therapist: { id: res.id } });
    expect((await b.request('GET', '/api/couples')).status).toBe(401);
    expect((await b.request('GET', '/api/account/devices')).status).toBe(401);
    const { secret } = await enrol(b);
    expect(secret).toBeTruthy();
    expect((await b.request('GET', '/api/couples')).status).toBe(200);
    expect(await b.ok('GET', '/api/auth/session')).toMatchObject({ therapist: { id: res.id }, needsSetup: false });
    // Enrolled accounts are asked for their code as usual.
    const owner = await passwordStep();
    expect(owner.step).toBe('enrol');
  });

  it('disables with the password and a code; refuses a wrong password or code; refuses while required', async () => {
    const { secret } = await enrol();
    const badPassword = await therapist.request('POST', '/api/account/security/totp/disable', {
      password: 'not my password',
      code: await codeOf(secret),
    });
    expect(badPassword.body).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    const badCode = await therapist.request('POST', '/api/account/security/totp/disable', {
      password: PASSWORD,
      code: '000000',
    });
    expect(badCode.body).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    await therapist.ok('PUT', '/api/account/security/require', { required: true });
    const required = await therapist.request('POST', '/api/account/security/totp/disable', {
      password: PASSWORD,
      code: await codeOf(secret),
    });
    expect(required.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await therapist.ok('PUT', '/api/account/security/require', { required: false });
    const off = await therapist.ok<SecurityStateDto>('POST', '/api/account/security/totp/disable', {
      password: PASSWORD,
      code: await codeOf(secret),
    });
    expect(off).toMatchObject({ totpEnabled: false, recoveryCodesLeft: 0 });
    expect((await passwordStep()).step).toBe('signed-in');
    expect(await actions()).toContain('therapist.totp_disable');
  });
});
