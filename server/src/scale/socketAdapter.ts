import { createAdapter } from '@socket.io/redis-streams-adapter';
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
