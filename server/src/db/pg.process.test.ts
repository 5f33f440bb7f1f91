/**
 * The real server process (main.ts, its handlers, the pool's listeners) against PostgreSQL: its backends are
 * terminated twice, with connections idle in the pool and with live sockets; it stays up and serves again.
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PG_URL, call, connectSocket, jointSessionScenario, type ClientSocket } from '../test/harness.js';
import { spawnServer, type ServerProcess } from '../test/process.js';

async function terminateDatabaseBackends(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    const res = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return res.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

async function healthy(proc: ServerProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (
    (await fetch(`${proc.url}/api/health`).then(
      (r) => r.status,
      () => 0,
    )) !== 200
  ) {
    if (!proc.alive()) throw new Error(`the server process exited:\n${proc.output()}`);
    if (Date.now() > deadline) throw new Error('health did not come back');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a server process on PostgreSQL', () => {
  let proc: ServerProcess | undefined;
  let socket: ClientSocket | undefined;
  afterEach(async () => {
    socket?.close();
    await proc?.dispose();
    proc = socket = undefined;
  });

  it('stays up when its database backends are terminated, and serves again by itself', async () => {
    proc = await spawnServer('postgres', { DB_CONNECT_TIMEOUT_MS: '2000', DB_STATEMENT_TIMEOUT_MS: '2000' });
    const s = await jointSessionScenario({ url: proc.url });
    socket = await connectSocket(s.therapist, s.sessionId);
    expect((await call(socket, 'session:hello', {})).ok).toBe(true);

    for (let round = 0; round < 2; round++) {
      expect(await terminateDatabaseBackends(proc.databaseName!)).toBeGreaterThan(0);
      await healthy(proc);
      const res = await s.therapist.request('GET', '/api/couples');
      expect([200, 503]).toContain(res.status);
      await healthy(proc);
      expect((await s.therapist.request('GET', '/api/couples')).status).toBe(200);
      expect((await call(socket, 'session:hello', {})).ok).toBe(true);
      expect(proc.alive()).toBe(true);
    }
    expect(proc.output()).not.toMatch(/Alex|Sam|rivera@example\.org/);
  }, 60_000); // a child process on a busy two-core machine
});
