/**
 * Who is in a room is answered from this process when Redis cannot answer: while Redis is unreachable (the adapter
 * would first count the processes with a PUBSUB that waits in ioredis's offline queue for ~30 s), and once the
 * process has closed its Redis connections (that command then fails with "Connection is closed", which once
 * escaped as an unhandled rejection while a process shut down).
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createLogger } from '../lib/logger.js';
import { openRedisLink, type RedisLink } from '../scale/redisLink.js';
import { attachSocketAdapter } from '../scale/socketAdapter.js';
import { fetchEverywhere } from './roster.js';
import type { TandemServer } from './types.js';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('the roster when Redis cannot answer', () => {
  let http: HttpServer | undefined;
  let io: TandemServer | undefined;
  let link: RedisLink | undefined;
  let client: Socket | undefined;
  afterEach(async () => {
    client?.close();
    await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : resolve()));
    http?.close();
    await link?.close();
  });

  /** A Socket.IO server on the Redis adapter with one client in room `r`. */
  async function serverWithOneClient(redisUrl: string): Promise<string> {
    link = openRedisLink(redisUrl, `tandem_t_roster_${process.pid}:`, createLogger('silent'));
    http = createServer();
    io = new Server(http) as unknown as TandemServer;
    attachSocketAdapter(io, link);
    const joined = new Promise<string>((resolve) =>
      io!.on('connection', (socket) => {
        void socket.join('r');
        resolve(socket.id);
      }),
    );
    await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    client = ioClient(`http://127.0.0.1:${port}`, { transports: ['websocket'] });
    return joined;
  }

  it('answers with its own sockets, in bounded time, while Redis is unreachable', async () => {
    const id = await serverWithOneClient('redis://127.0.0.1:1'); // nothing listens there
    // Within the question's own bound (FETCH_SOCKETS_TIMEOUT_MS), far inside this test's 20 s; ioredis would keep
    // the count queued for ~30 s.
    const found = await fetchEverywhere(io!, 'r');
    expect(found.map((s) => s.id)).toEqual([id]);
    expect(found[0]!.rooms.has('r')).toBe(true);
  });

  it('answers with its own sockets after its Redis connections are closed, and nothing rejects unhandled', async () => {
    const id = await serverWithOneClient(REDIS_URL);
    await expect.poll(() => link!.up(), { timeout: 10_000 }).toBe(true);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await link!.close();
      const found = await fetchEverywhere(io!, 'r');
      expect(found.map((s) => s.id)).toEqual([id]);
      // A rejection is reported at the end of the macrotask it happened in: one more turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      link = undefined;
    }
  });
});
