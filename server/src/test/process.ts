/** The server as a real child process, so a test can SIGKILL it and start it again on the same storage. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
import { PG_URL, TEST_SETUP_TOKEN, type DbKind } from './harness.js';
import { untilBanner, type ChildOutput } from './ready.js';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  url: string;
  start(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  dispose(): Promise<void>;
  output(): string;
  /** True while the child process is running. */
  alive(): boolean;
  /** The PostgreSQL database made for this server (undefined on SQLite, or when it shares another's). */
  databaseName: string | undefined;
  /** Its PostgreSQL URL (undefined on SQLite): another process of the same practice is given it. */
  databaseUrl: string | undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function spawnServer(kind: DbKind, extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-proc-'));
  const dbName = `tandem_t_${randomBytes(5).toString('hex')}`;
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SETUP_TOKEN: TEST_SETUP_TOKEN,
    ...extraEnv,
  };
  // A DATABASE_URL given by the caller is another process's database: used as it is, left for its owner to drop.
  const ownsDb = kind === 'postgres' && extraEnv['DATABASE_URL'] === undefined;
  if (ownsDb) {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    env['DATABASE_URL'] = u.toString();
  }
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const out: ChildOutput = { text: '' };

  // The `server-process` project bundles the server once (test/serverBundle.ts); elsewhere it runs from source.
  const bundle = inject('serverBundle');
  const args = bundle
    ? ['--enable-source-maps', bundle]
    : ['--conditions=source', '--import', 'tsx', path.join(serverDir, 'src/main.ts')];
  const start = async () => {
    child = spawn(process.execPath, args, {
      cwd: serverDir,
      env: { ...process.env, ...env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await untilBanner(child, out, 30_000);
  };
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(signal);
    await exited;
  };
  const dropDb = async () => {
    if (!ownsDb) return;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  };
  try {
    await start();
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await dropDb();
    throw err;
  }
  return {
    url,
    start,
    kill,
    output: () => out.text,
    alive: () => child !== null && child.exitCode === null && child.signalCode === null,
    databaseName: ownsDb ? dbName : undefined,
    databaseUrl: env['DATABASE_URL'],
    async dispose() {
      await kill('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
      await dropDb();
    },
  };
}
