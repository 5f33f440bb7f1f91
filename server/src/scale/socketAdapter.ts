import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { TandemServer } from '../realtime/types.js';
import type { RedisLink } from './redisLink.js';

/**
 * How often a process tells the others it is alive, and how long without a word before it counts as gone: a
 * request to every process (`fetchSockets`, used for presence and admission) waits for the processes it knows, so
 * a process that died (or an outage of Redis) delays those answers by at most HEARTBEAT_TIMEOUT_MS.
 */
export const HEARTBEAT_INTERVAL_MS = 2_000;
export const HEARTBEAT_TIMEOUT_MS = 6_000;

/**
 * Socket.IO events cross processes through the official Redis streams adapter: every emit to a room reaches that
 * room's sockets on every process, and `fetchSockets`, `socketsJoin`, `socketsLeave` and `disconnectSockets` act
 * on all of them. Broadcasts go into a Redis stream, so a short outage of Redis loses none of them (each process
 * reads on from its last offset when Redis is back).
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
      heartbeatInterval: HEARTBEAT_INTERVAL_MS,
      heartbeatTimeout: HEARTBEAT_TIMEOUT_MS,
    }),
  );
}
