/** Every packet a Socket.IO client receives, at the engine.io level (to prove what it did NOT receive). */
import type { ClientSocket } from './harness.js';

export interface Packet {
  /** engine.io packet type: message, ping, noop... */
  type: string;
  /** The raw data as it came over the wire (for byte searches). */
  raw: string;
}

export interface PacketLog {
  packets: Packet[];
  /** Packets since `mark()`, without the engine's heartbeat pings (they come on a fixed timer per connection). */
  since(mark: number): Packet[];
  mark(): number;
}

export function recordPackets(socket: ClientSocket): PacketLog {
  const packets: Packet[] = [];
  socket.io.engine.on('packet', (p: { type: string; data?: unknown }) => {
    packets.push({ type: p.type, raw: typeof p.data === 'string' ? p.data : JSON.stringify(p.data ?? '') });
  });
  return {
    packets,
    mark: () => packets.length,
    since: (mark) => packets.slice(mark).filter((p) => p.type !== 'ping'),
  };
}

/**
 * A packet's shape without its values: `event:<name>` for an event, `ack` for an acknowledgement (Socket.IO's
 * packet types 2 and 3, with or without a namespace or ack id before the JSON).
 */
export function shapeOf(p: Packet): string {
  if (p.type !== 'message') return p.type;
  const m = /^(\d)(?:[^[]*?)(\[.*)?$/s.exec(p.raw);
  if (!m) return `message:${p.raw.slice(0, 1)}`;
  if (m[1] === '3') return 'ack';
  if (m[1] === '2' && m[2]) {
    const args = JSON.parse(m[2]) as unknown[];
    return `event:${String(args[0])}`;
  }
  return `socketio:${m[1]}`;
}
