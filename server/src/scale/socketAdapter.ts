import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import type { TandemServer } from '../realtime/types.js';
import type { RedisLink } from './redisLink.js';

/**
 * Socket.IO events cross processes through the official Redis streams adapter: every emit to a room reaches that
 * room's sockets on every process, and `fetchSockets`, `socketsJoin`, `socketsLeave` and `disconnectSockets` act
 * on all of them. Broadcasts go into a Redis stream, so a short outage of Redis loses none of them (each process
 * reads on from its last offset when Redis is back). The adapter (0.3) counts the processes by the subscribers of
 * its Redis channel (PUBSUB NUMSUB), not by heartbeats: a process whose connection closed is no longer counted, and
 * a request to every process (`fetchSockets`) waits for the ones counted, at most FETCH_SOCKETS_TIMEOUT_MS
 * (realtime/roster.ts).
 */
export function attachSocketAdapter(io: TandemServer, link: RedisLink): void {
  guardUnawaitedPublish(link.adapter);
  const name = `${link.prefix}socket.io`;
  io.adapter(
    createAdapter(link.adapter, {
      streamName: name,
      channelPrefix: name,
      sessionKeyPrefix: `${link.prefix}sio:session:`,
      // The blocking read returns as soon as an entry arrives; this bounds only how long a closing process waits.
      blockTimeInMs: 2_000,
    }),
  );
}

/**
 * The adapter sends its ephemeral messages (a `fetchSockets` request, a broadcast with acknowledgements) with a
 * PUBLISH it never awaits (0.3.1, `doPublish`). One still queued when the process closes its connections, or when
 * Redis stays away past the retries, fails with "Connection is closed": a rejection nobody handles (main.ts logs it as
 * an error; a test run fails on it). Every PUBLISH on the adapter's connection gets a handler; a
 * caller that awaits one still sees its failure.
 */
function guardUnawaitedPublish(client: Redis): void {
  const publish = client.publish.bind(client) as (...args: unknown[]) => Promise<number>;
  const guarded = (...args: unknown[]): Promise<number> => {
    const sent = publish(...args);
    sent.catch(() => undefined);
    return sent;
  };
  Object.assign(client, { publish: guarded });
}
