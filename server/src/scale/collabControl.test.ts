/**
 * The facts that close /collab connections on every process (a credential's end, a couple's lost access, deleted
 * data) reach a process that was cut off from Redis when they were decided, and a fact decided while the deciding
 * process itself could not reach Redis goes out once it can. With pub/sub the first was lost for good (a revoked
 * partner kept the shared map open on the other process), and the second was only logged.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '@tandem/shared';
import { CredentialEnds } from '../access/credentialEnds.js';
import type { CollabContext } from '../features/map/docAccess.js';
import { createLogger } from '../lib/logger.js';
import { until } from '../test/scaled.js';
import { startTcpProxy, type TcpProxy } from '../test/tcpProxy.js';
import { collabControl, type CollabControl } from './collabControl.js';
import { openRedisLink, type RedisLink } from './redisLink.js';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const logger = createLogger('silent');

/** One partner's /collab connection as a process holds it. */
const partnerConn = (sessionId: string, grant: string): CollabContext => ({
  role: 'partner',
  name: 'Sam',
  therapistId: 't1',
  partnerId: 'p-sam',
  slot: 'b',
  sessionId,
  coupleId: 'c1',
  docName: 'map:c1',
  credentialHash: grant,
  deviceId: 'd1',
  expiresAt: Date.now() + 3_600_000,
});

/** A process: its control, and what it closed. */
interface Side {
  ends: CredentialEnds;
  control: CollabControl;
  link: RedisLink;
  closed: Array<{ grant: string | null; code: number }>;
  purged: string[];
}

function side(link: RedisLink, held: CollabContext[], log = logger): Side {
  const closed: Side['closed'] = [];
  const purged: string[] = [];
  const ends = new CredentialEnds();
  const control = collabControl(link, {
    collab: {
      disconnectWhere(predicate, code) {
        for (const c of held) if (predicate(c, c.docName)) closed.push({ grant: c.credentialHash, code });
      },
      purge: async (names) => void purged.push(...names),
    },
    ends,
    closeLost: async () => undefined,
    logger: log,
  });
  return { ends, control, link, closed, purged };
}

describe('collab control across processes (Redis stream)', () => {
  const prefix = `tandem_t_${randomBytes(5).toString('hex')}:`;
  const sides: Side[] = [];
  let proxy: TcpProxy | undefined;
  afterEach(async () => {
    for (const s of sides.splice(0)) {
      s.control.close();
      await s.link.close();
    }
    await proxy?.close();
    const r = new Redis(REDIS_URL);
    const keys = await r.keys(`${prefix}*`);
    if (keys.length) await r.del(...keys);
    await r.quit();
  });

  /** Both sides read the stream: a marker purged on `from` has reached `to`. */
  async function bothReading(from: Side, to: Side): Promise<void> {
    const marker = `marker-${randomBytes(3).toString('hex')}`;
    await until(async () => {
      if (to.purged.includes(marker)) return true;
      await from.control.purge(new Set([marker]), 'marker');
      return to.purged.includes(marker);
    }, 'the other process reading the control stream');
  }

  it('a process cut off while a link was revoked closes that link’s connections once Redis is back', async () => {
    proxy = await startTcpProxy(REDIS_URL);
    const one = side(openRedisLink(REDIS_URL, prefix, logger), []);
    const held = [partnerConn('s1', 'grant-revoked'), partnerConn('s1', 'grant-kept')];
    const two = side(openRedisLink(proxy.url, prefix, logger), held);
    sides.push(one, two);
    await bothReading(one, two);

    await proxy.stop();
    await until(() => two.link.command.status !== 'ready', 'process 2 cut off');
    one.ends.end({ kind: 'guest', sessionId: 's1', partnerId: 'p-sam', grantHashes: ['grant-revoked'] });
    await one.control.purge(new Set(['after-revoke']), 'marker');
    const probe = new Redis(REDIS_URL);
    try {
      // Both appended (in order) while process 2 could not read them.
      await until(async () => {
        const newest = await probe.xrevrange(`${prefix}collab-control`, '+', '-', 'COUNT', 1);
        return JSON.stringify(newest).includes('after-revoke');
      }, 'the revoke appended');
    } finally {
      await probe.quit();
    }
    expect(two.closed).toEqual([]);

    await proxy.start();
    await until(() => two.purged.includes('after-revoke'), 'process 2 reading again');
    expect(two.closed).toEqual([{ grant: 'grant-revoked', code: CloseCode.UNAUTHORIZED }]);
  });

  it('a fact decided while the deciding process cannot reach Redis goes out once it can', async () => {
    proxy = await startTcpProxy(REDIS_URL);
    // Commands fail after one reconnection attempt here (the product waits through twenty): the kept-fact path.
    const logged: string[] = [];
    const watched = createLogger('warn', { write: (line: string) => void logged.push(line) });
    const one = side(openRedisLink(proxy.url, prefix, watched, 1), [], watched);
    const two = side(openRedisLink(REDIS_URL, prefix, logger), [partnerConn('s2', 'grant-x')]);
    sides.push(one, two);
    await bothReading(one, two);

    await proxy.stop();
    await until(() => one.link.command.status !== 'ready', 'process 1 cut off');
    one.ends.end({ kind: 'session', sessionId: 's2' });
    await one.control.purge(new Set(['map:gone']), 'deleted');
    await until(
      () => logged.filter((l) => l.includes('collab control kept')).length === 2,
      'both facts failed to append (kept)',
    );
    // Nothing can have arrived: process 1 has no connection to Redis at all.
    expect(two.closed).toEqual([]);

    await proxy.start();
    await until(() => two.purged.includes('map:gone'), 'the kept facts appended');
    expect(two.closed).toEqual([{ grant: 'grant-x', code: CloseCode.SESSION_ENDED }]);
  });
});
