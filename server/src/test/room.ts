/** A joint session with the therapist and both partners connected and admitted (for timer and script tests). */
import type { ParticipantView } from '@tandem/shared';
import {
  call,
  connectSocket,
  jointSessionScenario,
  nextEvent,
  redeem,
  type ClientSocket,
  type Scenario,
} from './harness.js';

export interface Room {
  s: Scenario;
  therapist: ClientSocket;
  partnerA: ClientSocket;
  partnerB: ClientSocket;
  ids: { therapist: string; a: string; b: string };
  /** Reconnect all three (after a restart); the partners come back without re-admission. */
  reconnect(): Promise<void>;
  close(): void;
}

export async function admittedRoom(server: { url: string }, scenario?: Scenario): Promise<Room> {
  const s = scenario ?? (await jointSessionScenario(server));
  const [a, b] = s.couple.partners.map((p) => p.id) as [string, string];
  await redeem(s.partnerA, s.tokenOf(0));
  await redeem(s.partnerB, s.tokenOf(1));
  const room: Room = {
    s,
    therapist: await connectSocket(s.therapist, s.sessionId),
    partnerA: await connectSocket(s.partnerA, s.sessionId),
    partnerB: await connectSocket(s.partnerB, s.sessionId),
    ids: { therapist: '', a, b },
    async reconnect() {
      room.close();
      room.therapist = await connectSocket(s.therapist, s.sessionId);
      room.partnerA = await connectSocket(s.partnerA, s.sessionId);
      room.partnerB = await connectSocket(s.partnerB, s.sessionId);
      for (const sock of [room.therapist, room.partnerA, room.partnerB]) await call(sock, 'session:hello', {});
    },
    close() {
      for (const sock of [room.therapist, room.partnerA, room.partnerB]) sock.close();
    },
  };
  const hello = await call<{ self: { id: string } }>(room.therapist, 'session:hello', {});
  if (hello.ok) room.ids.therapist = hello.data.self.id;
  for (const [sock, id] of [
    [room.partnerA, a],
    [room.partnerB, b],
  ] as const) {
    await call(sock, 'session:hello', {});
    const admitted = nextEvent<ParticipantView[]>(room.therapist, 'presence:update', (l) =>
      l.some((p) => p.id === id && p.status === 'online'),
    );
    await call(room.therapist, 'lobby:admit', { partnerId: id });
    await admitted;
  }
  return room;
}

/** A clock tests can move by hand (the server's timers read it). */
export function manualClock(start = Date.now()) {
  let offset = 0;
  return {
    now: () => start + offset + (Date.now() - start),
    advance(ms: number) {
      offset += ms;
    },
  };
}
