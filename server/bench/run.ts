/**
 * `npm run bench [-- --rooms 1000 --db postgres]`: load test of our Yjs endpoint (/collab/<doc>), the same
 * method as ../shared/yjs-bench. Prints one JSON line on stdout; progress goes to stderr. See README.md here.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Channel, summary, parseArgs, r1, r3 } from './util.js';
import {
  cpuSeconds,
  foreignSeconds,
  killAll,
  pinSelf,
  redisPrefix,
  spawnNode,
  startServer,
  tempPostgres,
  type Mem,
  type ServerUnderTest,
} from './procs.js';

const T0 = Date.now();
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const opt = parseArgs(process.argv.slice(2), {
  rooms: 200,
  duration: 30,
  warmup: 5,
  rate: 1,
  workers: 2,
  grace: 2,
  idle: 3,
  connectConcurrency: 200,
  latejoinUpdates: 10_000,
  latejoinJoiners: 5,
  latejoinKeys: 1000,
  maxSeconds: 120,
  db: 'sqlite',
  pgUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  serverNodeArgs: '',
  entry: 'bench',
  /** 2: a second server process on the same PostgreSQL and Redis; editors on the first, receivers on the second. */
  processes: 1,
  redisUrl: 'redis://127.0.0.1:6379',
});
const log = (...a: unknown[]) => console.error(`[bench ${((Date.now() - T0) / 1000).toFixed(1)}s]`, ...a);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const result: Record<string, unknown> = { rooms: opt.rooms, db: opt.db, processes: opt.processes };
const cleanups: Array<() => Promise<void> | void> = [];
let server: ServerUnderTest | null = null;
let second: ServerUnderTest | null = null;
const workers: Channel[] = [];

async function main(): Promise<void> {
  if (opt.db !== 'sqlite' && opt.db !== 'postgres') throw new Error('--db is sqlite or postgres');
  if (opt.processes !== 1 && opt.processes !== 2) throw new Error('--processes is 1 or 2');
  if (opt.processes === 2 && opt.db !== 'postgres') throw new Error('--processes 2 needs --db postgres');
  pinSelf(1);
  const token = randomBytes(18).toString('base64url');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  let databaseUrl: string | undefined;
  if (opt.db === 'postgres') {
    const pgdb = await tempPostgres(opt.pgUrl);
    cleanups.push(() => pgdb.drop());
    databaseUrl = pgdb.url;
  }
  const entry =
    opt.entry === 'main' ? 'server/src/main.ts' : opt.entry === 'bench' ? 'server/bench/server-main.ts' : opt.entry;
  const scaled = opt.processes === 2 ? await redisPrefix(opt.redisUrl) : null;
  if (scaled) cleanups.push(scaled.drop);
  const serverOptions = {
    root,
    dataDir,
    databaseUrl,
    token,
    entry,
    nodeArgs: opt.serverNodeArgs.split(' ').filter(Boolean),
    ...(scaled ? { env: scaled.env } : {}),
  };
  server = await startServer(serverOptions);
  const srv = server;
  log(`server pid=${srv.pid} port=${srv.port} db=${opt.db}`);
  if (scaled) {
    second = await startServer(serverOptions);
    log(`second process pid=${second.pid} port=${second.port}: editors on the first, receivers on the second`);
  }
  await sleep(500);
  const base = await srv.mem();

  // Client workers, pinned to CPU 1; rooms are dealt round-robin, all 3 clients of a room in one worker.
  const runId = randomBytes(4).toString('hex');
  const urlOf = (port: number) => `ws://127.0.0.1:${port}/collab/{room}?token=${encodeURIComponent(token)}`;
  const url = urlOf(srv.port);
  const receiverUrl = second ? urlOf(second.port) : undefined;
  const nWorkers = Math.max(1, Math.min(2, opt.workers));
  for (let w = 0; w < nWorkers; w++) {
    const { proc, tail } = spawnNode(1, ['--max-semi-space-size=64', '--import', 'tsx', path.join(here, 'worker.ts')], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '' },
      ipc: true,
    });
    const ch = new Channel(proc, tail);
    await ch.next('hello', 30_000);
    workers.push(ch);
  }
  const all = (cmd: 'start-edits' | 'measure-start' | 'measure-stop' | 'close', timeoutMs = 30_000) =>
    Promise.all(workers.map((ch) => ch.ask({ cmd }, 'ack', timeoutMs)));

  const tConn = Date.now();
  const connected = await Promise.all(
    workers.map((ch, w) => {
      const rooms = [];
      for (let i = w; i < opt.rooms; i += nWorkers) rooms.push({ name: `bench-${runId}-r${i}`, idx: i });
      return ch.ask(
        {
          cmd: 'init',
          rooms,
          url,
          ...(receiverUrl ? { receiverUrl } : {}),
          rate: opt.rate,
          connectConcurrency: Math.ceil(opt.connectConcurrency / nWorkers),
        },
        'connected',
        60_000,
      );
    }),
  );
  const ok = connected.reduce((s, c) => s + c.ok, 0);
  const failed = connected.reduce((s, c) => s + c.failed, 0);
  result.connect = { ok, failed, wall_ms: Date.now() - tConn, errors: connected.flatMap((c) => c.errors).slice(0, 5) };
  log(`connected ${ok}/${opt.rooms * 3} in ${Date.now() - tConn} ms`);
  if (failed > 0)
    throw new Error(`${failed} clients failed to connect: ${connected.flatMap((c) => c.errors).join('; ')}`);

  // Edits: warm-up, then the measurement window.
  await all('start-edits');
  await sleep(opt.warmup * 1000);
  await all('measure-start');
  const ours = () => [process.pid, srv.pid, second?.pid ?? 0, ...workers.map((ch) => ch.proc.pid ?? 0)];
  const foreign0 = foreignSeconds(ours());
  const cpu0 = cpuSeconds(srv.pid);
  const cpu0b = second ? cpuSeconds(second.pid) : null;
  const w0 = Date.now();
  log(`measuring ${opt.duration} s at ${opt.rate} edit/s/room`);
  await sleep(opt.duration * 1000);
  const cpu1 = cpuSeconds(srv.pid);
  const cpu1b = second ? cpuSeconds(second.pid) : null;
  const w1 = Date.now();
  const foreign1 = foreignSeconds(ours());
  await all('measure-stop');
  await sleep(opt.grace * 1000);
  const reports = await Promise.all(workers.map((ch) => ch.ask({ cmd: 'report' }, 'report')));
  const lat: number[] = [];
  let sent = 0;
  let recv = 0;
  for (const r of reports) {
    for (const v of r.lat) lat.push(v);
    sent += r.sent;
    recv += r.recv;
  }
  const fan = summary(lat);
  result.fanout_ms = { n: fan.n, p50: fan.p50, p95: fan.p95, p99: fan.p99, max: fan.max };
  result.delivered_ratio = sent ? r3(recv / (sent * 2)) : null;
  result.server_cpu_pct = cpu0 != null && cpu1 != null ? r1(((cpu1 - cpu0) / ((w1 - w0) / 1000)) * 100) : null;
  result.server_cpu_ms_per_edit = cpu0 != null && cpu1 != null && sent ? r3(((cpu1 - cpu0) * 1000) / sent) : null;
  if (second) {
    // The receivers' process: what relaying each edit to it costs, and both processes together per edit.
    const both = cpu0 != null && cpu1 != null && cpu0b != null && cpu1b != null;
    result.second_server_cpu_pct = both ? r1(((cpu1b - cpu0b) / ((w1 - w0) / 1000)) * 100) : null;
    result.servers_cpu_ms_per_edit = both && sent ? r3(((cpu1 - cpu0 + cpu1b - cpu0b) * 1000) / sent) : null;
  }
  // Other people's CPU use on this machine during the window (a 2-core machine is 200 %): noise, not us.
  result.foreign_cpu_pct =
    foreign0 != null && foreign1 != null ? r1(((foreign1 - foreign0) / ((w1 - w0) / 1000)) * 100) : null;
  result.edits_per_s = r1(sent / opt.duration);
  result.client_cpu_pct = reports.map((r) => r1(r.cpuPct));
  result.client_event_loop_delay_ms = reports.map((r) => ({ p99: r1(r.eldP99), max: r1(r.eldMax) }));
  result.client_errors = reports.reduce((s, r) => s + r.errors, 0);
  result.client_disconnects = reports.reduce((s, r) => s + r.disconnected, 0);
  const firstError = reports.find((r) => r.firstError)?.firstError;
  if (firstError) result.client_first_error = firstError;
  log(
    `fan-out p50=${fan.p50} p99=${fan.p99} max=${fan.max} delivered=${String(result.delivered_ratio)} cpu=${String(result.server_cpu_pct)}%`,
  );

  // Memory per idle connected room.
  await sleep(opt.idle * 1000);
  const idle = await srv.mem();
  const perRoomKb = (k: keyof Mem) => r1((idle[k] - base[k]) / opt.rooms / 1024);
  result.mem = {
    idle_heap_per_room_kb: perRoomKb('heapUsed'),
    idle_rss_per_room_kb: perRoomKb('rss'),
    baseline_heap_mb: r1(base.heapUsed / 1048576),
    baseline_rss_mb: r1(base.rss / 1048576),
    idle_docs: idle.docs,
    idle_conns: idle.conns,
  };
  log(
    `idle heap/room=${perRoomKb('heapUsed')} KB rss/room=${perRoomKb('rss')} KB (docs=${idle.docs} conns=${idle.conns})`,
  );

  if (opt.latejoinUpdates > 0) await lateJoin(srv, workers[0]!, `bench-${runId}-latejoin`, idle.docs);

  await all('close', 20_000);
  await sleep(1000);
  const closed = await srv.mem();
  result.after_close = {
    docs: closed.docs,
    conns: closed.conns,
    heap_delta_mb: r1((closed.heapUsed - base.heapUsed) / 1048576),
  };
}

/** Waits until the server has unloaded every doc beyond `docs` (so the next joiner loads from storage). */
async function waitUnloaded(srv: ServerUnderTest, docs: number, timeoutMs = 20_000): Promise<number> {
  const t = Date.now();
  for (;;) {
    const m = await srv.mem();
    if (m.docs <= docs) return Date.now() - t;
    if (Date.now() - t > timeoutMs)
      throw new Error(`doc not unloaded after ${timeoutMs} ms (docs=${m.docs}, want ${docs})`);
    await sleep(50);
  }
}

async function lateJoin(srv: ServerUnderTest, ch: Channel, room: string, docs: number): Promise<void> {
  const keys = Math.min(opt.latejoinKeys, opt.latejoinUpdates);
  const seeded = await ch.ask({ cmd: 'seed', room, updates: opt.latejoinUpdates, keys }, 'seeded', 60_000);
  const unloadMs = await waitUnloaded(srv, docs);
  log(
    `late join: ${opt.latejoinUpdates} updates ingested in ${seeded.ingestMs.toFixed(0)} ms, doc ${seeded.docBytes} B, unloaded in ${unloadMs} ms`,
  );
  // Cold: every joiner finds the doc unloaded and loads it from storage.
  const cold: number[] = [];
  let contentOk = true;
  for (let j = 0; j < opt.latejoinJoiners; j++) {
    const r = await ch.ask({ cmd: 'join', room, keys }, 'joined');
    cold.push(r.ms);
    contentOk &&= r.ok;
    await waitUnloaded(srv, docs);
  }
  // Warm: the doc stays loaded (one holder connected), as in ../shared/yjs-bench where the writer stays.
  await ch.ask({ cmd: 'hold', room }, 'ack');
  const warm: number[] = [];
  for (let j = 0; j < opt.latejoinJoiners; j++) {
    const r = await ch.ask({ cmd: 'join', room, keys }, 'joined');
    warm.push(r.ms);
    contentOk &&= r.ok;
    await sleep(50);
  }
  await ch.ask({ cmd: 'release' }, 'ack');
  await waitUnloaded(srv, docs);
  const c = summary(cold);
  const w = summary(warm);
  result.latejoin_ms = { p50: c.p50, max: c.max, samples: cold.map(r3), from: 'storage' };
  result.latejoin_warm_ms = { p50: w.p50, max: w.max, samples: warm.map(r3), from: 'memory' };
  result.latejoin = {
    updates: opt.latejoinUpdates,
    doc_bytes: seeded.docBytes,
    ingest_updates_per_s: Math.round(opt.latejoinUpdates / (seeded.ingestMs / 1000)),
    content_ok: contentOk,
  };
  log(`late join from storage p50=${c.p50} ms, from memory p50=${w.p50} ms, content ok=${contentOk}`);
}

let finished = false;
async function finish(code: number): Promise<void> {
  if (finished) return;
  finished = true;
  clearTimeout(hardCap);
  for (const ch of workers) ch.proc.kill('SIGKILL');
  try {
    await second?.stop();
    await server?.stop();
  } catch {
    // killed below
  }
  killAll();
  for (const f of cleanups.reverse()) {
    try {
      await f();
    } catch (err) {
      log('cleanup failed:', (err as Error).message);
    }
  }
  result.run_s = r1((Date.now() - T0) / 1000);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(code);
}

const hardCap = setTimeout(() => {
  result.error = `exceeded --max-seconds ${opt.maxSeconds}`;
  void finish(3);
}, opt.maxSeconds * 1000);
process.on('exit', () => killAll());
for (const s of ['SIGINT', 'SIGTERM'] as const) {
  process.on(s, () => {
    result.error = `interrupted (${s})`;
    void finish(130);
  });
}
main().then(
  () => finish(0),
  (err: unknown) => {
    result.error = String((err as Error)?.message ?? err);
    log('ERROR', (err as Error)?.stack ?? err);
    void finish(1);
  },
);
