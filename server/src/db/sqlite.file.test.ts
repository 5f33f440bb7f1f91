/**
 * The SQLite file is private to the server's user, and health notices when it is deleted or replaced under the
 * running server (the open handle would otherwise keep answering from an unlinked inode).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';
import { SQLITE_FILE_NAME } from './sqliteFile.js';

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

async function health(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/api/health`);
  return { status: res.status, body: await res.json() };
}

describe('the SQLite file', () => {
  let server: TestServer | undefined;
  const temps: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-perm-'));
    temps.push(dir);
    return dir;
  };

  afterEach(async () => {
    await server?.dispose();
    server = undefined;
    for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('health answers 503 with a reason once the database file is deleted under the running server', async () => {
    server = await startTestServer({ db: 'sqlite' });
    expect((await health(server.url)).status).toBe(200);
    const file = path.join(server.config.dataDir, SQLITE_FILE_NAME);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    expect(await health(server.url)).toEqual({ status: 503, body: { ok: false, reason: 'database_unavailable' } });
  });

  it('health answers 503 when the database file is replaced by another one', async () => {
    server = await startTestServer({ db: 'sqlite' });
    const file = path.join(server.config.dataDir, SQLITE_FILE_NAME);
    const copy = path.join(tempDir(), 'other.sqlite');
    fs.copyFileSync(file, copy);
    fs.renameSync(copy, file);
    expect((await health(server.url)).status).toBe(503);
  });

  it('creates DATA_DIR as 0700 and the database with its -wal and -shm as 0600', async () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    server = await startTestServer({ db: 'sqlite', config: { dataDir } });
    await server.ctx.db.selectFrom('therapists').select('id').execute();
    expect(modeOf(dataDir).toString(8)).toBe('700');
    const file = path.join(dataDir, SQLITE_FILE_NAME);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      expect(fs.existsSync(f), f).toBe(true);
      expect(modeOf(f).toString(8), f).toBe('600');
    }
  });

  it('tightens a database file an older version left readable by others', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, SQLITE_FILE_NAME);
    fs.writeFileSync(file, '');
    fs.chmodSync(file, 0o644);
    server = await startTestServer({ db: 'sqlite', config: { dataDir } });
    expect(modeOf(file).toString(8)).toBe('600');
    expect(modeOf(`${file}-wal`).toString(8)).toBe('600');
  });
});
