/**
 * First-run setup is claimed once: several setups at the same moment make exactly one therapist account, on
 * SQLite and on PostgreSQL (where READ COMMITTED let two or three through before).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_KINDS, TEST_SETUP_TOKEN, startTestServer, type TestServer } from '../test/harness.js';
import { AuthService } from '../features/auth/auth.service.js';
import { AppError } from '../lib/errors.js';
import type * as Tokens from '../lib/tokens.js';
import { createFirstTherapist } from './firstRun.js';

// scrypt takes long enough on a busy machine to spread ten setups out one by one; a quick hash lets them reach
// the database together, which is the race this is about.
vi.mock('../lib/tokens.js', async (importOriginal) => ({
  ...(await importOriginal<typeof Tokens>()),
  hashPassword: (password: string) => Promise.resolve(`test:${password.length}`),
}));

const ATTEMPTS = 10;
const body = (i: number) => ({
  name: `Dr ${i}`,
  email: `t${i}@example.org`,
  password: 'plum-Harbor-quietly-47-lanterns',
  setupToken: TEST_SETUP_TOKEN,
});

describe.each(DB_KINDS)('first-run setup under concurrency (%s)', (db) => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer({ db });
  });
  afterEach(async () => {
    await server.dispose();
  });

  const therapists = () => server.ctx.db.selectFrom('therapists').select('id').execute();

  it('ten setups at once through the service make one therapist; the other nine get CONFLICT', async () => {
    const auth = new AuthService(server.ctx);
    expect(await auth.prepareSetup()).toBe(TEST_SETUP_TOKEN);
    const results = await Promise.allSettled(
      Array.from({ length: ATTEMPTS }, (_, i) => auth.setup(body(i), `10.0.0.${i}`)),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const codes = results.flatMap((r) =>
      r.status === 'rejected' ? [r.reason instanceof AppError ? r.reason.code : String(r.reason)] : [],
    );
    expect(won).toHaveLength(1);
    expect(codes).toEqual(Array.from({ length: ATTEMPTS - 1 }, () => 'CONFLICT'));
    expect(await therapists()).toHaveLength(1);
  });

  it('ten claims racing in the data layer leave exactly one therapist and one claim', async () => {
    const now = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) =>
        createFirstTherapist(server.ctx.db, {
          id: crypto.randomUUID(),
          name: `Dr ${i}`,
          email: `race${i}@example.org`,
          password_hash: 'x',
          created_at: now,
        }),
      ),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const rows = await therapists();
    expect(rows).toHaveLength(1);
    const claims = await server.ctx.db.selectFrom('first_run').selectAll().execute();
    expect(claims.map((c) => c.therapist_id)).toEqual([rows[0]?.id]);
  });

  it('ten first-run requests at once: one 200, nine 409 CONFLICT', async () => {
    const post = (i: number) =>
      fetch(`${server.url}/api/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify(body(i)),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: { code: string } } }));
    const answers = await Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => post(i)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused.map((a) => [a.status, a.body.error?.code])).toEqual(
      Array.from({ length: ATTEMPTS - 1 }, () => [409, 'CONFLICT']),
    );
    expect(await therapists()).toHaveLength(1);
  });
});
