/** Socket-test helpers for video: a therapist and two partners, admitted, each with a real socket.io client. */
import type { ParticipantView, RtcSignalMessage, SessionSnapshot } from '@tandem/shared';
import {
  call,
  connectSocket,
  nextEvent,
  redeem,
  type ClientSocket,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';

export interface Trio {
  therapist: ClientSocket;
  a: ClientSocket;
  b: ClientSocket;
  ids: { t: string; a: string; b: string };
}

/** Connects all three; admits the partners listed in `admit` (both by default). */
export async function connectTrio(
  _server: TestServer,
  s: Scenario,
  track: (socket: ClientSocket) => ClientSocket,
  admit: ReadonlyArray<'a' | 'b'> = ['a', 'b'],
): Promise<Trio> {
  const [aId, bId] = s.couple.partners.map((p) => p.id) as [string, string];
  const therapist = track(await connectSocket(s.therapist, s.sessionId));
  const hello = await call<SessionSnapshot>(therapist, 'session:hello', {});
  if (!hello.ok) throw new Error('hello failed');
  await redeem(s.partnerA, s.tokenOf(0));
  await redeem(s.partnerB, s.tokenOf(1));
  const bothWaiting = nextEvent<ParticipantView[]>(therapist, 'presence:update', (l) =>
    [aId, bId].every((id) => l.some((p) => p.id === id && p.status === 'waiting')),
  );
  const a = track(await connectSocket(s.partnerA, s.sessionId));
  const b = track(await connectSocket(s.partnerB, s.sessionId));
  await bothWaiting;
  for (const who of admit) {
    const res = await call(therapist, 'lobby:admit', { partnerId: who === 'a' ? aId : bId });
    if (!res.ok) throw new Error('admit failed');
  }
  return { therapist, a, b, ids: { t: hello.data.self.id, a: aId, b: bId } };
}

/** Collects every `rtc:signal` a socket receives. */
export function collectSignals(socket: ClientSocket): RtcSignalMessage[] {
  const got: RtcSignalMessage[] = [];
  socket.on('rtc:signal', (m) => got.push(m));
  return got;
}

export const offer = (to: string, sdp = 'v=0\r\n') => ({ to, connId: 'conn-0001', signal: { type: 'offer', sdp } });
