/**
 * Two real Tandem processes of one practice (issue 17): one PostgreSQL database and one Redis key prefix, Redis
 * reached through a TCP proxy the test can stop and start (an outage).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { ParticipantView } from '@tandem/shared';
import { call, connectSocket, jointSessionScenario, redeem, type ClientSocket, type Scenario } from './harness.js';
import { spawnServer, type ServerProcess } from './process.js';
import { startTcpProxy, type TcpProxy } from './tcpProxy.js';

export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export interface TwoProcesses {
  one: ServerProcess;
  two: ServerProcess;
  /** Between both processes and Redis. */
  redis: TcpProxy;
  prefix: string;
  dispose(): Promise<void>;
}

export async function twoProcesses(): Promise<TwoProcesses> {
  const redis = await startTcpProxy(TEST_REDIS_URL);
  const prefix = `tandem_t_${randomBytes(5).toString('hex')}:`;
  const env = { REDIS_URL: redis.url, REDIS_PREFIX: prefix };
  const one = await spawnServer('postgres', env);
  const two = await spawnServer('postgres', { ...env, DATABASE_URL: one.databaseUrl! });
  return {
    one,
    two,
    redis,
    prefix,
    async dispose() {
      await two.dispose();
      await one.dispose();
      await redis.close();
      const r = new Redis(TEST_REDIS_URL);
      const keys = await r.keys(`${prefix}*`);
      if (keys.length) await r.del(...keys);
      await r.quit();
    },
  };
}

/** Resolves once the check holds (polled), or fails naming what was awaited. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface SplitRoom {
  s: Scenario;
  ids: { a: string; b: string };
  therapist: ClientSocket;
  partnerA: ClientSocket;
  partnerB: ClientSocket;
  close(): void;
}

/** A joint session with the therapist on process 1 and both partners on process 2, all admitted. */
export async function splitRoom(w: TwoProcesses): Promise<SplitRoom> {
  const s = await jointSessionScenario(w.one);
  const [a, b] = s.couple.partners.map((p) => p.id) as [string, string];
  await redeem(s.partnerA, s.tokenOf(0));
  await redeem(s.partnerB, s.tokenOf(1));
  const room: SplitRoom = {
    s,
    ids: { a, b },
    therapist: await connectSocket(s.therapist, s.sessionId),
    partnerA: await connectSocket(s.partnerA.at(w.two.url), s.sessionId),
    partnerB: await connectSocket(s.partnerB.at(w.two.url), s.sessionId),
    close() {
      for (const sock of [room.therapist, room.partnerA, room.partnerB]) sock.close();
    },
  };
  await call(room.therapist, 'session:hello', {});
  for (const [sock, id] of [
    [room.partnerA, a],
    [room.partnerB, b],
  ] as const) {
    await call(sock, 'session:hello', {});
    await until(async () => (await call(room.therapist, 'lobby:admit', { partnerId: id })).ok, 'a partner to admit');
    await until(async () => {
      const seen = await call<{ participants: ParticipantView[] }>(room.therapist, 'session:hello', {});
      return seen.ok && seen.data.participants.some((p) => p.id === id && p.status === 'online');
    }, 'the partner online');
  }
  return room;
}

/** What /api/health says of Redis. */
export async function redisHealth(url: string): Promise<string | undefined> {
  const res = await fetch(`${url}/api/health`).catch(() => null);
  return res ? ((await res.json()) as { redis?: string }).redis : undefined;
}
