/**
 * Timer benchmark: `node --import tsx server/bench/timers.ts [--sessions 100] [--skew 5000]`.
 *
 * Starts the real server as a child process (SQLite in a temp dir), opens many joint sessions with 3 clients each
 * (therapist + two partners, real socket.io-client connections), and measures:
 *  - spread: each client syncs its clock the way the app does (pings, lowest round trip wins) from a local clock
 *    deliberately skewed by up to ±skew ms; at one instant every client computes the remaining time it would
 *    render for its session's pause; the spread is max - min per session (p50/p99/max over sessions);
 *  - shown: from one client calling `pause:call` to the last of the session's 3 clients receiving the pause
 *    (p50/p99/max over sessions; the calls are spread over one second across all sessions).
 * Prints one JSON line on stdout; progress on stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as ioClient, type Socket } from 'socket.io-client';
import {
  CLOCK_SAMPLES_PER_ROUND,
  PROTOCOL_VERSION,
  estimateOffset,
  timerRemaining,
  type ClientToServerEvents,
  type ClockSample,
  type CoupleDto,
  type CreatedSessionDto,
  type Result,
  type ServerToClientEvents,
  type TimersView,
} from '@tandem/shared';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '..');
const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SESSIONS = arg('sessions', 100);
const SKEW_MS = arg('skew', 5000);
const T0 = Date.now();
const log = (...a: unknown[]) => console.error(`[timers bench ${((Date.now() - T0) / 1000).toFixed(1)}s]`, ...a);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const BENCH_SETUP_TOKEN = 'bench-setup-token-0123456789';

function quantiles(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  const r = (n: number) => Math.round(n * 10) / 10;
  return { p50: r(q(0.5)), p99: r(q(0.99)), max: r(s.at(-1) ?? NaN), n: s.length };
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

/** A minimal cookie-keeping HTTP client (one per person), with its own forwarded IP for the redeem limit. */
class Http {
  private readonly cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    private readonly ip: string,
  ) {}
  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async ok<T>(method: string, p: string, body?: unknown): Promise<T> {
    const res = await fetch(this.base + p, {
      method,
      headers: {
        origin: this.base,
        'x-forwarded-for': this.ip,
        ...(this.cookies.size ? { cookie: this.cookieHeader } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const json = (await res.json()) as Result<T>;
    if (!json.ok) throw new Error(`${method} ${p}: ${json.error.code} ${json.error.message}`);
    return json.data;
  }
}

function connect(http: Http, sessionId: string): Promise<ClientSocket> {
  const socket: ClientSocket = ioClient(http.base, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { protocolVersion: PROTOCOL_VERSION, sessionId },
    extraHeaders: { cookie: http.cookieHeader },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function call<T>(socket: ClientSocket, event: string, payload: unknown): Promise<Result<T>> {
  return (
    socket.timeout(10_000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<Result<T>> }
  ).emitWithAck(event, payload);
}

/** One simulated screen: a skewed local clock, an offset estimate, the last pause deadline it saw. */
interface Client {
  socket: ClientSocket;
  skew: number;
  offset: number;
  view: TimersView | null;
  shownAt: number | null;
}

const local = (c: Client) => Date.now() + c.skew;

async function syncClock(c: Client): Promise<void> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < CLOCK_SAMPLES_PER_ROUND; i++) {
    const sentAt = local(c);
    const res = await call<{ serverTime: number }>(c.socket, 'time:ping', {});
    const receivedAt = local(c);
    if (res.ok) samples.push({ sentAt, serverTime: res.data.serverTime, receivedAt });
  }
  c.offset = estimateOffset(samples)?.offsetMs ?? 0;
}

async function main(): Promise<void> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-timers-bench-'));
  const url = `http://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  const sockets: ClientSocket[] = [];
  try {
    server = spawn(process.execPath, ['--import', 'tsx', path.join(serverDir, 'src/main.ts')], {
      cwd: serverDir,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        // One hop: the bench's clients speak for themselves in X-Forwarded-For (distinct addresses per client).
        TRUST_PROXY: '1',
        SETUP_TOKEN: BENCH_SETUP_TOKEN,
        NODE_OPTIONS: '--conditions=source',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let i = 0; ; i++) {
      const up = await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (i > 300) throw new Error('server did not start');
      await sleep(100);
    }
    log(`server pid=${server.pid} port=${port}; opening ${SESSIONS} sessions x 3 clients`);

    const therapist = new Http(url, '10.255.0.1');
    await therapist.ok('POST', '/api/setup', {
      name: 'Bench',
      email: 'bench@example.org',
      password: 'correct horse battery',
      setupToken: BENCH_SETUP_TOKEN,
    });
    const rooms: Client[][] = [];
    for (let s = 0; s < SESSIONS; s++) {
      const couple = await therapist.ok<CoupleDto>('POST', '/api/couples', {
        name: `Couple ${s}`,
        policy: 'no-secrets',
        partners: [
          { displayName: 'A', language: 'en' },
          { displayName: 'B', language: 'es' },
        ],
      });
      const created = await therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
        coupleId: couple.id,
        kind: 'joint',
      });
      const sid = created.session.id;
      const t = await connect(therapist, sid);
      sockets.push(t);
      await call(t, 'session:hello', {});
      const room: Client[] = [t].map((socket) => ({ socket, skew: 0, offset: 0, view: null, shownAt: null }));
      for (const [i, partner] of couple.partners.entries()) {
        const http = new Http(url, `10.${(s >> 8) & 255}.${s & 255}.${i + 1}`);
        const invite = created.invites.find((inv) => inv.partnerId === partner.id);
        await http.ok('POST', '/api/join/redeem', { token: invite?.url.split('#')[1] });
        const p = await connect(http, sid);
        sockets.push(p);
        await call(p, 'session:hello', {});
        await call(t, 'lobby:admit', { partnerId: partner.id });
        room.push({ socket: p, skew: 0, offset: 0, view: null, shownAt: null });
      }
      for (const c of room) {
        c.skew = Math.round((Math.random() * 2 - 1) * SKEW_MS);
        c.socket.on('timer:update', (v) => {
          if (v.pause && c.shownAt === null) c.shownAt = Date.now();
          c.view = v;
        });
      }
      rooms.push(room);
    }
    log('clock sync');
    await Promise.all(rooms.flat().map(syncClock));

    log('calling a pause in every session (spread over 1 s)');
    const calledAt: number[] = [];
    await Promise.all(
      rooms.map(async (room, i) => {
        await sleep(Math.random() * 1000);
        const caller = room[1 + (i % 2)] ?? room[0]!;
        calledAt[i] = Date.now();
        await call(caller.socket, 'pause:call', { minutes: 20 });
      }),
    );
    for (let i = 0; i < 100 && rooms.some((r) => r.some((c) => c.shownAt === null)); i++) await sleep(50);
    const shown = rooms.map((room, i) => Math.max(...room.map((c) => (c.shownAt ?? Infinity) - (calledAt[i] ?? 0))));

    // Spread: at one instant, what each screen would render (from its own skewed clock plus its offset).
    const spreads: number[] = [];
    for (let round = 0; round < 5; round++) {
      const instant = Date.now();
      for (const room of rooms) {
        const left = room.map((c) => {
          const timer = c.view?.pause?.timer;
          return timer ? timerRemaining(timer, instant + c.skew + c.offset) : NaN;
        });
        spreads.push(Math.max(...left) - Math.min(...left));
      }
      await sleep(200);
    }
    const offsetErrors = rooms.flat().map((c) => Math.abs(c.offset + c.skew));

    const result = {
      case: 'timers',
      sessions: SESSIONS,
      clients: SESSIONS * 3,
      skewMs: SKEW_MS,
      spreadMs: quantiles(spreads),
      offsetErrorMs: quantiles(offsetErrors),
      pauseShownEverywhereMs: quantiles(shown),
      targets: { spreadP99Ms: 50, shownP99Ms: 100 },
    };
    console.log(JSON.stringify(result));
  } finally {
    for (const s of sockets) s.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server?.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
