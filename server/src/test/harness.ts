/**
 * Test servers on port 0 against real storage (SQLite in a temp dir, or PostgreSQL in a schema of its own),
 * plus small clients that act like a therapist's and a partner's browser.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { io as ioClient, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type AuthEndedInfo,
  type ClientToServerEvents,
  type CoupleDto,
  type CreatedSessionDto,
  type Result,
  type ServerToClientEvents,
} from '@tandem/shared';
import { startTandem, type Tandem } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { dropPostgresSchema } from '../db/database.js';
import { createLogger } from '../lib/logger.js';
import type { Clock } from '../lib/clock.js';

export type DbKind = 'sqlite' | 'postgres';
export const PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const DB_KINDS: DbKind[] = ['sqlite', 'postgres'];

export interface TestServer extends Tandem {
  config: Config;
  /** Stops the server and removes its storage. */
  dispose(): Promise<void>;
  /** Stops the server but keeps its storage, to start again with `restart`. */
  stop(): Promise<void>;
  restart(): Promise<TestServer>;
}

export interface TestServerOptions {
  db?: DbKind;
  clock?: Clock;
  config?: Partial<Config>;
  /** Extra environment variables, read like the real ones (e.g. TRUST_PROXY). */
  env?: Record<string, string>;
}

/** The first-run code every test server uses, so tests can set up like a newcomer who opened the banner's link. */
export const TEST_SETUP_TOKEN = 'test-setup-token-0123456789';

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const kind = options.db ?? 'sqlite';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-test-'));
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const config = loadConfig(
    { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...options.env },
    {
      setupToken: TEST_SETUP_TOKEN,
      // scrypt at 2^10 instead of 2^15: tests sign up a therapist for nearly every server they start.
      passwordHashCost: 2 ** 10,
      ...(kind === 'postgres' ? { databaseUrl: PG_URL, databaseSchema: schema } : {}),
      ...options.config,
    },
  );
  return launch(config, kind, schema, options.clock);
}

async function launch(config: Config, kind: DbKind, schema: string, clock?: Clock): Promise<TestServer> {
  const tandem = await startTandem(config, { logger: createLogger('silent'), ...(clock ? { clock } : {}) });
  const server: TestServer = {
    ...tandem,
    config,
    stop: () => tandem.close(),
    async dispose() {
      await tandem.close();
      if (kind === 'postgres') await dropPostgresSchema(PG_URL, schema);
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
    async restart() {
      return launch({ ...config, port: tandem.port }, kind, schema, clock);
    },
  };
  return server;
}

/** A browser-like HTTP client: keeps cookies, sends a same-origin Origin on writes. */
export class Browser {
  private readonly cookies = new Map<string, string>();
  /** Sent with every request (e.g. a user agent). */
  readonly headers: Record<string, string> = {};

  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** The same person's browser aimed at another process of the same practice (same cookies, that origin). */
  at(baseUrl: string): Browser {
    const other = new Browser(baseUrl);
    for (const [k, v] of this.cookies) other.setCookie(k, v);
    Object.assign(other.headers, this.headers);
    return other;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async request<T>(method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: Result<T> }> {
    const headers: Record<string, string> = { ...this.headers, origin: this.baseUrl };
    if (this.cookies.size) headers['cookie'] = this.cookieHeader;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + urlPath, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, body: (await res.json()) as Result<T> };
  }

  async ok<T>(method: string, urlPath: string, body?: unknown): Promise<T> {
    const res = await this.request<T>(method, urlPath, body);
    if (!res.body.ok)
      throw new Error(`${method} ${urlPath} -> ${res.status} ${res.body.error.code}: ${res.body.error.message}`);
    return res.body.data;
  }
}

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Connects like the app does; resolves once connected, rejects with the refusal's code. */
export function connectSocket(
  browser: Browser,
  sessionId: string,
  opts: { protocolVersion?: number } = {},
): Promise<ClientSocket> {
  const socket: ClientSocket = ioClient(browser.baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { protocolVersion: opts.protocolVersion ?? PROTOCOL_VERSION, sessionId },
    extraHeaders: { cookie: browser.cookieHeader, origin: browser.baseUrl },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Emits with an ack and returns the Result. */
export function call<T = unknown>(socket: ClientSocket, event: string, ...args: unknown[]): Promise<Result<T>> {
  return (
    socket.timeout(5000) as unknown as { emitWithAck: (e: string, ...a: unknown[]) => Promise<Result<T>> }
  ).emitWithAck(event, ...args);
}

/** Resolves with the first event payload that satisfies the predicate. */
export function nextEvent<T>(
  socket: ClientSocket,
  event: keyof ServerToClientEvents,
  predicate: (v: T) => boolean = () => true,
  timeoutMs = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const listener = (v: T) => {
      if (!predicate(v)) return;
      off();
      resolve(v);
    };
    const off = () => {
      clearTimeout(timer);
      (socket as unknown as Socket).off(event, listener);
    };
    (socket as unknown as Socket).on(event, listener);
  });
}

export interface Scenario {
  therapist: Browser;
  couple: CoupleDto;
  created: CreatedSessionDto;
  sessionId: string;
  partnerA: Browser;
  partnerB: Browser;
  tokenOf(partnerIndex: 0 | 1): string;
}

export const tokenFromUrl = (url: string) => url.split('#')[1] ?? '';

/** Therapist signed up, one couple, one joint session; partners' browsers not yet joined. */
export async function jointSessionScenario(
  server: Pick<Tandem, 'url'>,
  email = 'rivera@example.org',
): Promise<Scenario> {
  const therapist = new Browser(server.url);
  const needs = await therapist.ok<{ needsSetup: boolean }>('GET', '/api/setup');
  if (needs.needsSetup) {
    await therapist.ok('POST', '/api/setup', {
      name: 'Dr Rivera',
      email,
      password: 'correct horse battery',
      setupToken: TEST_SETUP_TOKEN,
    });
  } else {
    await therapist.ok('POST', '/api/auth/login', { email, password: 'correct horse battery' });
  }
  const couple = await therapist.ok<CoupleDto>('POST', '/api/couples', {
    name: 'Alex & Sam',
    policy: 'no-secrets',
    partners: [
      { displayName: 'Alex', language: 'en' },
      { displayName: 'Sam', language: 'es' },
    ],
  });
  const created = await therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
    coupleId: couple.id,
    kind: 'joint',
  });
  const tokenOf = (i: 0 | 1) => {
    const partner = couple.partners[i];
    const invite = created.invites.find((inv) => inv.partnerId === partner?.id);
    if (!invite) throw new Error('no invite');
    return tokenFromUrl(invite.url);
  };
  return {
    therapist,
    couple,
    created,
    sessionId: created.session.id,
    partnerA: new Browser(server.url),
    partnerB: new Browser(server.url),
    tokenOf,
  };
}

export async function redeem(browser: Browser, token: string): Promise<string> {
  const res = await browser.ok<{ sessionId: string }>('POST', '/api/join/redeem', { token });
  return res.sessionId;
}

/** A second therapist (setup allows only the first one), signed in in their own browser. */
export async function addTherapist(
  server: Tandem,
  email = 'other@example.org',
  password = 'another good password',
): Promise<Browser> {
  const { hashPassword } = await import('../lib/tokens.js');
  await server.ctx.db
    .insertInto('therapists')
    .values({
      id: crypto.randomUUID(),
      name: 'Dr Other',
      email,
      password_hash: await hashPassword(password, server.ctx.config.passwordHashCost),
      created_at: Date.now(),
    })
    .execute();
  const browser = new Browser(server.url);
  await browser.ok('POST', '/api/auth/login', { email, password });
  return browser;
}

/** Resolves with why a socket was told its credential ended, once it has also closed. */
export function endedAndClosed(socket: ClientSocket): Promise<AuthEndedInfo> {
  const closed = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
  return nextEvent<AuthEndedInfo>(socket, 'auth:ended').then(async (info) => {
    await closed;
    return info;
  });
}
