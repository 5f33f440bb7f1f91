/**
 * Process bookkeeping for `npm run bench`: every child is spawned pinned to a CPU (taskset, when available),
 * tracked by PID and killed by PID on exit; plus the server under test and an optional temp PostgreSQL database.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

const children = new Set<number>();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const canPin = os.cpus().length >= 2 && spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;

/** Pins this process (the orchestrator) to a CPU. */
/** The flags `npm start` runs the server with (keep in step with package.json's start script). */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

export function pinSelf(cpu: number): void {
  if (canPin) spawnSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)], { stdio: 'ignore' });
}

export function killAll(signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const pid of children) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(pid: number | undefined, graceMs = 3000): Promise<void> {
  if (!pid || !children.has(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
  for (let waited = 0; waited < graceMs && alive(pid); waited += 50) await sleep(50);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  children.delete(pid);
}

/** Spawns `node <args>` pinned to `cpu`; taskset execs node, so the PID is node's own. */
export function spawnNode(
  cpu: number,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; ipc?: boolean },
): { proc: ChildProcess; tail: () => string } {
  const argv = canPin ? ['taskset', '-c', String(cpu), process.execPath, ...args] : [process.execPath, ...args];
  const proc = spawn(argv[0]!, argv.slice(1), {
    cwd: opts.cwd,
    env: opts.env,
    stdio: opts.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    serialization: 'advanced',
  });
  if (proc.pid) children.add(proc.pid);
  const lines: string[] = [];
  const logFile = process.env.BENCH_CHILD_LOG; // diagnosis: every child's output, appended
  const keep = (d: Buffer) => {
    if (logFile) appendFileSync(logFile, d);
    lines.push(d.toString());
    if (lines.length > 40) lines.shift();
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  proc.on('exit', () => proc.pid && children.delete(proc.pid));
  return { proc, tail: () => lines.join('').slice(-1500) };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK;
  } catch {
    return null;
  }
}

/** CPU seconds the whole machine (all CPUs) has been busy, from /proc/stat. */
export function machineBusySeconds(): number | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!) / CLK_TCK; // user nice system irq softirq steal
  } catch {
    return null;
  }
}

/** Busy CPU seconds of the machine not spent in `pids` (other people's work on this machine). */
export function foreignSeconds(pids: number[]): number | null {
  const machine = machineBusySeconds();
  if (machine == null) return null;
  let ours = 0;
  for (const pid of pids) ours += cpuSeconds(pid) ?? 0;
  return machine - ours;
}

export interface Mem {
  rss: number;
  heapUsed: number;
  docs: number;
  conns: number;
}

export interface ServerUnderTest {
  pid: number;
  port: number;
  mem(): Promise<Mem>;
  stop(): Promise<void>;
}

/** Starts our server (SQLite in `dataDir`, or `databaseUrl`) pinned to CPU 0 and waits for /api/health. */
export async function startServer(o: {
  root: string;
  dataDir: string;
  databaseUrl?: string;
  token: string;
  /** Script relative to root, e.g. server/src/main.ts. */
  entry: string;
  nodeArgs?: string[];
  /** More environment (e.g. REDIS_URL for a second process of one practice). */
  env?: Record<string, string>;
}): Promise<ServerUnderTest> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: '--conditions=source',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: o.dataDir,
    LOG_LEVEL: 'warn',
    BENCH_TOKEN: o.token,
    ...o.env,
  };
  delete env.DATABASE_URL;
  if (o.databaseUrl) env.DATABASE_URL = o.databaseUrl;
  const { proc, tail } = spawnNode(
    0,
    ['--expose-gc', ...SERVER_NODE_FLAGS, ...(o.nodeArgs ?? []), '--import', 'tsx', o.entry],
    {
      cwd: o.root,
      env,
    },
  );
  const pid = proc.pid!;
  let exited = false;
  proc.on('exit', () => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`server exited during startup:\n${tail()}`);
    if (Date.now() > deadline) throw new Error(`server not healthy after 30 s:\n${tail()}`);
    try {
      const r = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(1000) });
      if (r.ok) break;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  return {
    pid,
    port,
    async mem() {
      const r = await fetch(`${base}/__bench/mem`, { signal: AbortSignal.timeout(10_000) });
      const type = r.headers.get('content-type') ?? '';
      if (!r.ok || !type.includes('json')) {
        throw new Error(
          `/__bench/mem answered ${r.status} ${type} (shadowed by the SPA fallback? --entry bench avoids it)`,
        );
      }
      return (await r.json()) as Mem;
    },
    stop: () => stop(pid, 15_000), // long enough for --cpu-prof to be written
  };
}

/** Creates a throw-away PostgreSQL database; `drop()` removes it (forcing off any leftover sessions). */
export async function tempPostgres(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tandem_bench_${process.pid}_${Date.now().toString(36)}`;
  const u = new URL(adminUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) throw new Error('refusing a non-loopback PostgreSQL');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A Redis key prefix of its own for two processes of one practice; `drop` removes its keys. */
export async function redisPrefix(redisUrl: string): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const prefix = `tandem_bench_${randomBytes(4).toString('hex')}:`;
  return {
    env: { REDIS_URL: redisUrl, REDIS_PREFIX: prefix },
    async drop() {
      const r = new Redis(redisUrl);
      const keys = await r.keys(`${prefix}*`);
      if (keys.length) await r.del(...keys);
      await r.quit();
    },
  };
}
