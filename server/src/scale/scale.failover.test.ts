/**
 * Two processes of one practice losing a part (issue 17): a process killed (its clients reconnect to the other and
 * nothing is lost), and Redis unreachable for a while (each process serves its own clients; cross-process sync
 * resumes by itself once Redis is back, and what was written meanwhile reaches everyone).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  docName,
  type ChatMessageDto,
  type ParticipantView,
  type ScriptRunView,
  type TimersView,
} from '@tandem/shared';
import { call, connectSocket, nextEvent, type ClientSocket } from '../test/harness.js';
import { addCard, collabClient, labelOf, synced, type CollabClient } from '../test/collab.js';
import { redisHealth, splitRoom, twoProcesses, until, type SplitRoom, type TwoProcesses } from '../test/scaled.js';

describe('two processes losing a part (postgres + redis)', () => {
  let w: TwoProcesses | undefined;
  let room: SplitRoom | undefined;
  const sockets: ClientSocket[] = [];
  const clients: CollabClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const so of sockets.splice(0)) so.close();
    room?.close();
    await w?.dispose();
  });
  const open = (url: string, browser: SplitRoom['s']['therapist'], name: string) => {
    const c = collabClient(url, name, { browser: browser.at(url), sessionId: room!.s.sessionId });
    clients.push(c);
    return c;
  };

  it('process 2 killed: its partners carry on on process 1 with every edit, pause, message and step', async () => {
    w = await twoProcesses();
    room = await splitRoom(w);
    const { s, ids } = room;
    const mapDoc = docName({ kind: 'map', id: s.couple.id });
    const tMap = open(w.one.url, s.therapist, mapDoc);
    const aMap = open(w.two.url, s.partnerA, mapDoc);
    await Promise.all([synced(tMap), synced(aMap)]);
    addCard(aMap.doc, 'a1', 'a', 'before the crash');
    await until(() => labelOf(tMap.doc, 'a1') === 'before the crash', 'A’s card on process 1');
    const sent = await call<ChatMessageDto>(room.partnerA, 'chat:send', { partnerId: ids.a, text: 'kept-4b2e' });
    expect(sent.ok).toBe(true);
    await call(room.therapist, 'script:start', {
      scriptId: 'intentional-dialogue',
      assignments: { sender: ids.b, receiver: ids.a },
    });
    expect(await call(room.therapist, 'script:next', {})).toMatchObject({ ok: true, data: { stepIndex: 1 } });
    const paused = await call<{ timer: { deadline: number } }>(room.partnerA, 'pause:call', { minutes: 2 });
    const deadline = paused.ok ? paused.data.timer.deadline : -1;

    const gone = nextEvent<ParticipantView[]>(
      room.therapist,
      'presence:update',
      (l) => l.find((p) => p.id === ids.b)?.status !== 'online',
      20_000,
    );
    // Process 1 has counted process 2 (a process that joined and died between two counts would go unnoticed).
    const oneUrl = w.one.url;
    await until(async () => {
      const health = (await (await fetch(`${oneUrl}/api/health`)).json()) as { processes?: number };
      return health.processes === 2;
    }, 'process 1 counting two processes');
    await w.two.kill('SIGKILL');
    // Process 2 ran no disconnect handler; process 1 tells the therapist once it counts one process fewer.
    await gone;
    // The partners' browsers reconnect; the load balancer now sends them to process 1.
    const alex = await connectSocket(s.partnerA.at(w.one.url), s.sessionId);
    const sam = await connectSocket(s.partnerB.at(w.one.url), s.sessionId);
    sockets.push(alex, sam);
    await call(alex, 'session:hello', {});
    await call(sam, 'session:hello', {});
    const timers = await call<TimersView>(sam, 'timer:state', {});
    expect(timers.ok && timers.data.pause?.timer.deadline).toBe(deadline);
    const run = await call<ScriptRunView>(alex, 'script:state', {});
    expect(run.ok && run.data?.stepIndex).toBe(1);
    const history = await call<ChatMessageDto[]>(alex, 'chat:history', { partnerId: ids.a });
    expect(history.ok && history.data.map((m) => m.text)).toContain('kept-4b2e');
    const aMapAgain = open(w.one.url, s.partnerA, mapDoc);
    await synced(aMapAgain);
    expect(labelOf(aMapAgain.doc, 'a1')).toBe('before the crash');
    // And the room goes on: the therapist ends the pause, the partners now on process 1 hear it.
    const ended = nextEvent<TimersView>(sam, 'timer:update', (v) => v.pause === null);
    await call(room.therapist, 'pause:end', {});
    await ended;
  });

  it('Redis unreachable for a while: each process serves its own, then cross-process sync resumes by itself', async () => {
    w = await twoProcesses();
    room = await splitRoom(w);
    const { s } = room;
    const mapDoc = docName({ kind: 'map', id: s.couple.id });
    const tMap = open(w.one.url, s.therapist, mapDoc);
    const aMap = open(w.two.url, s.partnerA, mapDoc);
    const bMap = open(w.two.url, s.partnerB, mapDoc);
    await Promise.all([tMap, aMap, bMap].map((c) => synced(c)));

    await w.redis.stop();
    const [one, two] = [w.one.url, w.two.url];
    await until(async () => (await redisHealth(one)) === 'unavailable', 'process 1 to report Redis away');
    await until(async () => (await redisHealth(two)) === 'unavailable', 'process 2 to report Redis away');
    // Each process keeps serving its own clients: A's edit reaches B (same process) at once.
    addCard(aMap.doc, 'a-out', 'a', 'during the outage');
    addCard(tMap.doc, 't-out', 'shared', 'therapist during the outage');
    await until(() => labelOf(bMap.doc, 'a-out') === 'during the outage', 'A’s edit on B (process 2)');
    // Awareness too, and a tab that opens meanwhile takes up its own client id (nothing waits on Redis).
    aMap.provider.awareness.setLocalState({ cursor: { x: 5, y: 5 } });
    const bTab = open(w.two.url, s.partnerB, mapDoc);
    await synced(bTab);
    bTab.provider.awareness.setLocalState({ cursor: { x: 6, y: 6 } });
    const cursorX = (c: CollabClient, id: number) =>
      (c.provider.awareness.getStates().get(id) as { cursor?: { x: number } } | undefined)?.cursor?.x;
    await until(() => cursorX(bMap, aMap.doc.clientID) === 5, 'A’s cursor on B during the outage');
    await until(() => cursorX(bMap, bTab.doc.clientID) === 6, 'the new tab’s cursor on B during the outage');
    await tMap.roundTrip();
    await aMap.roundTrip();

    await w.redis.start();
    await until(async () => (await redisHealth(one)) === 'up', 'process 1 to report Redis back', 20_000);
    await until(async () => (await redisHealth(two)) === 'up', 'process 2 to report Redis back', 20_000);
    // What was written meanwhile reaches the other process (caught up from storage)...
    await until(() => labelOf(tMap.doc, 'a-out') === 'during the outage', 'A’s outage edit on process 1');
    await until(() => labelOf(aMap.doc, 't-out') === 'therapist during the outage', 'the therapist’s on process 2');
    // The people shown on each process meanwhile are shown on the other at once (no wait for a 15 s renewal).
    await until(() => cursorX(tMap, aMap.doc.clientID) === 5, 'A’s outage cursor on process 1', 5_000);
    await until(() => cursorX(tMap, bTab.doc.clientID) === 6, 'the new tab’s cursor on process 1', 5_000);
    // ...and live relay and Socket.IO events cross again.
    addCard(tMap.doc, 't-after', 'shared', 'after');
    await until(() => labelOf(bMap.doc, 't-after') === 'after', 'a new edit on process 2');
    const heard = nextEvent<TimersView>(room.therapist, 'timer:update', (v) => v.pause !== null, 15_000);
    expect(await call(room.partnerA, 'pause:call', { minutes: 2 })).toMatchObject({ ok: true });
    await heard;
  });
});
