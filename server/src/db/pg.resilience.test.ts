/**
 * PostgreSQL going away under a running server: backends terminated mid-session, and a database that stops
 * answering (a proxy that holds every byte). The server stays up, health says 503 quickly, requests fail with
 * UNAVAILABLE, and everything works again by itself once the database is back.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docName, type Result } from '@tandem/shared';
import { PG_URL, call, startTestServer, type Browser, type TestServer } from '../test/harness.js';
import { admittedRoom, type Room } from '../test/room.js';
import { collabClient, synced, waitFor, type CollabClient } from '../test/collab.js';
import { startPgProxy, type PgProxy } from '../test/pgProxy.js';
import { DEFAULT_DB_TUNING, type DbTuning } from './tuning.js';

/** Short timeouts so a silent database is noticed in about a second. */
const quick = (applicationName: string): DbTuning => ({
  ...DEFAULT_DB_TUNING,
  applicationName,
  connectTimeoutMs: 1_000,
  statementTimeoutMs: 1_000,
  queryTimeoutMs: 1_500,
  healthTimeoutMs: 500,
  startupTimeoutMs: 3_000,
});

async function health(url: string): Promise<{ status: number; body: unknown; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${url}/api/health`);
  return { status: res.status, body: await res.json(), ms: Date.now() - started };
}

/** Polls health until it answers 200 (the database is back and the pool has fresh connections). */
async function healthy(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await health(url)).status !== 200) {
    if (Date.now() > deadline) throw new Error('health did not come back');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Ends every backend of one application (this test's server only). */
async function terminateBackends(applicationName: string): Promise<number> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    const res = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = $1`,
      [applicationName],
    );
    return res.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

/** Anything that would have ended a real server process: uncaught exceptions and unhandled rejections. */
function watchForCrashes(): { errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const onError = (err: unknown) => errors.push(err);
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return {
    errors,
    stop() {
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
    },
  };
}

const couples = (b: Browser) => b.request<unknown[]>('GET', '/api/couples');
const codeOf = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);

describe('PostgreSQL going away', () => {
  let server: TestServer | undefined;
  let proxy: PgProxy | undefined;
  let room: Room | undefined;
  let collab: CollabClient | undefined;
  let crashes: ReturnType<typeof watchForCrashes>;
  const appName = `tandem_t_${randomBytes(5).toString('hex')}`;

  beforeEach(() => {
    crashes = watchForCrashes();
  });
  afterEach(async () => {
    collab?.destroy();
    room?.close();
    proxy?.resume();
    await server?.dispose();
    await proxy?.close();
    crashes.stop();
    server = proxy = room = collab = undefined;
  });

  it('survives its backends being terminated mid-session, then answers again by itself', async () => {
    server = await startTestServer({ db: 'postgres', config: { db: quick(appName) } });
    room = await admittedRoom(server);
    const { therapist } = room.s;
    expect((await couples(therapist)).status).toBe(200);

    expect(await terminateBackends(appName)).toBeGreaterThan(0);
    // A request may meet a connection whose end it has not heard of yet: then a typed 503, never a 500.
    const during = await couples(therapist);
    expect([200, 503]).toContain(during.status);
    if (during.status === 503) expect(codeOf(during.body)).toBe('UNAVAILABLE');

    await healthy(server.url);
    expect((await couples(therapist)).status).toBe(200);
    expect((await call(room.therapist, 'session:hello', {})).ok).toBe(true);
    // Kill them again while sockets are live and idle connections sit in the pool.
    await terminateBackends(appName);
    await healthy(server.url);
    expect((await call(room.partnerA, 'session:hello', {})).ok).toBe(true);
    expect(crashes.errors).toEqual([]);
  });

  it('answers 503 quickly while the database is silent, fails requests with UNAVAILABLE, and recovers', async () => {
    proxy = await startPgProxy(PG_URL);
    server = await startTestServer({ db: 'postgres', config: { databaseUrl: proxy.url, db: quick(appName) } });
    room = await admittedRoom(server);
    const { therapist } = room.s;
    collab = collabClient(server.url, docName({ kind: 'map', id: room.s.couple.id }), { browser: therapist });
    await synced(collab);
    expect((await health(server.url)).status).toBe(200);

    proxy.pause();
    const h = await health(server.url);
    expect(h.status).toBe(503);
    expect(h.body).toEqual({ ok: false, reason: 'database_unavailable' });
    expect(h.ms).toBeLessThan(2_000);

    const started = Date.now();
    const rest = await couples(therapist);
    expect(rest.status).toBe(503);
    expect(codeOf(rest.body)).toBe('UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(5_000);

    const ack = await call(room.therapist, 'session:hello', {});
    expect(ack.ok ? 'ok' : ack.error.code).toBe('UNAVAILABLE');

    // An edit that cannot be stored is not relayed: the doc's connections are closed, the process carries on.
    collab.doc.getMap('nodes').set('while-silent', 'x');
    await waitFor(() => !collab!.provider.wsconnected, 5_000, 'collab close');

    proxy.resume();
    await healthy(server.url);
    expect((await couples(therapist)).status).toBe(200);
    expect((await call(room.therapist, 'session:hello', {})).ok).toBe(true);
    // The client resends what the server lacks when it reconnects, and the edit is stored this time.
    await waitFor(() => collab!.provider.synced && collab!.provider.wsconnected, 10_000, 'collab back');
    const late = collabClient(server.url, docName({ kind: 'map', id: room.s.couple.id }), { browser: therapist });
    try {
      await waitFor(() => late.doc.getMap('nodes').get('while-silent') === 'x', 10_000, 'edit stored');
    } finally {
      late.destroy();
    }
    expect(crashes.errors).toEqual([]);
  });

  it('gives up starting against a silent database within its start-up timeout, with a message', async () => {
    proxy = await startPgProxy(PG_URL);
    proxy.pause();
    const started = Date.now();
    const failure = await startTestServer({
      db: 'postgres',
      config: { databaseUrl: proxy.url, db: { ...quick(appName), startupTimeoutMs: 2_000 } },
    }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/did not answer within 2 s/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
