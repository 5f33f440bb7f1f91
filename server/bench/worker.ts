/**
 * Client worker for `npm run bench`: owns a slice of the rooms, all 3 clients of a room in this process so
 * that an edit's timestamp and its arrival times come from one clock. Driven by run.ts over IPC.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import { LeanClient } from './client.js';
import type { ToWorker, FromWorker } from './protocol.js';

interface Room {
  name: string;
  idx: number;
  clients: LeanClient[];
  seq: number;
  lastSeq: number[];
  timer: NodeJS.Timeout | null;
  interval: NodeJS.Timeout | null;
}

const CLIENTS_PER_ROOM = 3;
let urlTemplate = '';
let receiverTemplate = '';
let rate = 1;
let rooms: Room[] = [];
let lat: number[] = [];
let windowStart = Infinity;
let windowEnd = Infinity;
let sentInWindow = 0;
let recvInWindow = 0;
let cpuAtStart: NodeJS.CpuUsage | null = null;
let wallAtStart = 0;
let holder: LeanClient | null = null;
let eld: IntervalHistogram | null = null;
/** Diagnosis: BENCH_TRACE=<file> writes "sendTimeInWindowMs latencyMs room" per delivery (one file per worker). */
const TRACE = process.env.BENCH_TRACE ? `${process.env.BENCH_TRACE}.${process.pid}` : null;
const trace: string[] = [];

const reply = (msg: FromWorker): void => void process.send?.(msg);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const urlFor = (room: string, k = 0) =>
  (k > 0 && receiverTemplate ? receiverTemplate : urlTemplate).replace('{room}', encodeURIComponent(room));
process.on('disconnect', () => process.exit(0));

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  const run = async () => {
    while (i < items.length) await fn(items[i++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, run));
}

async function init(msg: Extract<ToWorker, { cmd: 'init' }>): Promise<void> {
  urlTemplate = msg.url;
  receiverTemplate = msg.receiverUrl ?? '';
  rate = msg.rate;
  rooms = msg.rooms.map(({ name, idx }) => ({
    name,
    idx,
    clients: [],
    seq: 0,
    lastSeq: [0, 0, 0],
    timer: null,
    interval: null,
  }));
  const jobs: Array<{ r: Room; k: number }> = [];
  for (const r of rooms) for (let k = 0; k < CLIENTS_PER_ROOM; k++) jobs.push({ r, k });
  let ok = 0;
  const errors: string[] = [];
  await pool(jobs, msg.connectConcurrency, async ({ r, k }) => {
    const c = new LeanClient(urlFor(r.name, k), {
      user: { name: `user-${r.idx}-${k}`, color: '#30bced' },
      cursor: null,
    });
    r.clients[k] = c;
    try {
      await c.connect();
      ok++;
    } catch (err) {
      if (errors.length < 5) errors.push(String((err as Error).message));
    }
  });
  // Receivers time each edit's arrival in their own Y.Doc.
  for (const r of rooms) {
    for (let k = 1; k < r.clients.length; k++) {
      const nodes = r.clients[k]!.doc.getMap<{ t: number; seq: number }>('nodes');
      nodes.observe((ev) => {
        const now = performance.now();
        for (const key of ev.keysChanged) {
          const v = nodes.get(key);
          if (!v || typeof v.t !== 'number' || v.seq <= r.lastSeq[k]!) continue;
          r.lastSeq[k] = v.seq;
          if (v.t >= windowStart && v.t <= windowEnd) {
            lat.push(now - v.t);
            if (TRACE) trace.push(`${(v.t - windowStart).toFixed(1)} ${(now - v.t).toFixed(2)} ${r.idx}`);
            recvInWindow++;
          }
        }
      });
    }
  }
  reply({ evt: 'connected', ok, failed: jobs.length - ok, errors });
}

function edit(r: Room): void {
  const editor = r.clients[0];
  if (!editor?.synced || editor.closed) return;
  r.seq++;
  const slot = r.seq % 32;
  const t = performance.now();
  const nodes = editor.doc.getMap('nodes');
  editor.doc.transact(() => {
    nodes.set(`n${slot}`, {
      x: (Math.random() * 1600) | 0,
      y: (Math.random() * 900) | 0,
      label: `node ${slot}`,
      seq: r.seq,
      t,
    });
  });
  if (t >= windowStart && t <= windowEnd) sentInWindow++;
}

function startEdits(): void {
  const period = 1000 / rate;
  for (const r of rooms) {
    r.timer = setTimeout(() => {
      r.timer = null;
      edit(r);
      r.interval = setInterval(() => edit(r), period);
    }, Math.random() * period); // random phase per room
  }
}

function stopEdits(): void {
  for (const r of rooms) {
    if (r.timer) clearTimeout(r.timer);
    if (r.interval) clearInterval(r.interval);
    r.timer = r.interval = null;
  }
}

function report(): void {
  eld?.disable();
  if (TRACE) writeFileSync(TRACE, `${trace.join('\n')}\n`);
  const cpu = process.cpuUsage(cpuAtStart ?? undefined);
  const wall = windowEnd - wallAtStart;
  let errors = 0;
  let disconnected = 0;
  let firstError = '';
  for (const r of rooms)
    for (const c of r.clients) {
      errors += c.errors;
      firstError ||= c.lastError;
      if (c.closed) disconnected++;
    }
  reply({
    evt: 'report',
    lat: Float64Array.from(lat),
    sent: sentInWindow,
    recv: recvInWindow,
    errors,
    firstError,
    disconnected,
    cpuPct: wall > 0 ? ((cpu.user + cpu.system) / 1000 / wall) * 100 : 0,
    // event-loop delay beyond the 10 ms sampling period: if this spikes, the clients (not the server) are late
    eldP99: eld ? Math.max(0, eld.percentile(99) / 1e6 - 10) : 0,
    eldMax: eld ? Math.max(0, eld.max / 1e6 - 10) : 0,
  });
}

/** Seeds a fresh doc with `updates` small updates (one frame each), fences, then disconnects. */
async function seed(room: string, updates: number, keys: number): Promise<void> {
  const writer = new LeanClient(urlFor(room), null);
  await writer.connect();
  const nodes = writer.doc.getMap('nodes');
  const t0 = performance.now();
  for (let i = 0; i < updates; i++) {
    const slot = i % keys;
    writer.doc.transact(() => {
      nodes.set(`n${slot}`, { x: (Math.random() * 1600) | 0, y: (Math.random() * 900) | 0, label: `node ${slot}` });
    });
    if ((i & 1023) === 1023) await new Promise((resolve) => setImmediate(resolve)); // let the socket drain
  }
  await writer.fence();
  const ingestMs = performance.now() - t0;
  const { encodeStateAsUpdate } = await import('yjs');
  const docBytes = encodeStateAsUpdate(writer.doc).length;
  await writer.close();
  reply({ evt: 'seeded', ingestMs, docBytes });
}

/** One fresh joiner: WebSocket open start -> server SyncStep2 applied, content verified. */
async function join(room: string, keys: number): Promise<void> {
  const c = new LeanClient(urlFor(room), null);
  await c.connect();
  const ms = c.syncedAt - c.openStartedAt;
  const ok = c.doc.getMap('nodes').size === keys;
  await c.close();
  reply({ evt: 'joined', ms, ok });
}

async function closeAll(): Promise<void> {
  stopEdits();
  const all: Array<Promise<void>> = [];
  for (const r of rooms) for (const c of r.clients) all.push(c.close());
  await Promise.race([Promise.all(all), sleep(5000)]);
  rooms = [];
}

process.on('message', (msg: ToWorker) => {
  const run = async (): Promise<void> => {
    switch (msg.cmd) {
      case 'init':
        return init(msg);
      case 'start-edits':
        startEdits();
        return reply({ evt: 'ack' });
      case 'measure-start':
        lat = [];
        sentInWindow = recvInWindow = 0;
        windowStart = performance.now();
        windowEnd = Infinity;
        cpuAtStart = process.cpuUsage();
        eld = monitorEventLoopDelay({ resolution: 10 });
        eld.enable();
        wallAtStart = performance.now();
        return reply({ evt: 'ack' });
      case 'measure-stop':
        windowEnd = performance.now();
        stopEdits();
        return reply({ evt: 'ack' });
      case 'report':
        return report();
      case 'seed':
        return seed(msg.room, msg.updates, msg.keys);
      case 'join':
        return join(msg.room, msg.keys);
      case 'hold':
        holder = new LeanClient(urlFor(msg.room), null);
        await holder.connect();
        return reply({ evt: 'ack' });
      case 'release':
        await holder?.close();
        holder = null;
        return reply({ evt: 'ack' });
      case 'close':
        await closeAll();
        return reply({ evt: 'ack' });
    }
  };
  run().catch((err: unknown) => reply({ evt: 'error', error: String((err as Error)?.stack ?? err) }));
});
reply({ evt: 'hello' });
