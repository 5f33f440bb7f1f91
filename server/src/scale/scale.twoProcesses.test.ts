/**
 * One session split across two Tandem processes sharing PostgreSQL and Redis (issue 17): the therapist on process
 * 1, both partners on process 2. Everything the room does crosses between them, and every audience rule holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  docName,
  timerRemaining,
  type ChatMessageDto,
  type ParticipantView,
  type ScriptRunView,
  type SelfView,
  type TimersView,
} from '@tandem/shared';
import { call, connectSocket, jointSessionScenario, nextEvent, redeem, type ClientSocket } from '../test/harness.js';
import { recordPackets, shapeOf, type PacketLog } from '../test/packets.js';
import { addCard, collabClient, labelOf, synced, type CollabClient } from '../test/collab.js';
import { twoProcesses, until, type TwoProcesses } from '../test/scaled.js';

describe('one session on two processes (postgres + redis)', () => {
  let w: TwoProcesses;
  let therapist: ClientSocket;
  let alex: ClientSocket;
  let sam: ClientSocket;
  let ids: { a: string; b: string };
  let s: Awaited<ReturnType<typeof jointSessionScenario>>;
  const samHeard: string[] = [];
  /** Every packet B's socket on process 2 receives, at the engine.io level (the project's wire probe). */
  let samWire: PacketLog;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    w = await twoProcesses();
    s = await jointSessionScenario(w.one);
    const [a, b] = s.couple.partners.map((p) => p.id) as [string, string];
    ids = { a, b };
    await redeem(s.partnerA, s.tokenOf(0));
    await redeem(s.partnerB, s.tokenOf(1));
    therapist = await connectSocket(s.therapist, s.sessionId);
    alex = await connectSocket(s.partnerA.at(w.two.url), s.sessionId);
    sam = await connectSocket(s.partnerB.at(w.two.url), s.sessionId);
    sam.onAny((event: string, ...args: unknown[]) => samHeard.push(`${event} ${JSON.stringify(args)}`));
    samWire = recordPackets(sam);
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const so of [therapist, alex, sam]) so?.close();
    await w?.dispose();
  });

  it('admits partners waiting on process 2 from process 1, with presence on both', async () => {
    await call(alex, 'session:hello', {});
    await call(sam, 'session:hello', {});
    // The therapist on process 1 sees both partners waiting on process 2.
    await until(async () => {
      const seen = await call<{ participants: ParticipantView[] }>(therapist, 'session:hello', {});
      const waiting = seen.ok ? seen.data.participants.filter((p) => p.status === 'waiting') : [];
      return waiting.length === 2;
    }, 'both partners waiting, seen from process 1');
    for (const [sock, id] of [
      [alex, ids.a],
      [sam, ids.b],
    ] as const) {
      const admittedSelf = nextEvent<SelfView>(sock, 'self:update', (v) => v.status === 'online');
      const online = nextEvent<ParticipantView[]>(therapist, 'presence:update', (l) =>
        l.some((p) => p.id === id && p.status === 'online'),
      );
      expect(await call(therapist, 'lobby:admit', { partnerId: id })).toMatchObject({ ok: true });
      await Promise.all([admittedSelf, online]);
    }
    // The partners on process 2 see the therapist (process 1) online.
    const seen = await call<{ participants: ParticipantView[] }>(alex, 'session:hello', {});
    expect(seen.ok && seen.data.participants.find((p) => p.role === 'therapist')?.status).toBe('online');
  });

  it('shows one pause, with one deadline, on both processes', async () => {
    const onTherapist = nextEvent<TimersView>(therapist, 'timer:update', (v) => v.pause !== null);
    const onSam = nextEvent<TimersView>(sam, 'timer:update', (v) => v.pause !== null);
    const called = await call<{ timer: { deadline: number } }>(alex, 'pause:call', { minutes: 2 });
    expect(called.ok).toBe(true);
    const [t, b] = await Promise.all([onTherapist, onSam]);
    const deadline = called.ok ? called.data.timer.deadline : 0;
    expect(t.pause?.timer.deadline).toBe(deadline);
    expect(b.pause?.timer.deadline).toBe(deadline);
    expect(timerRemaining(b.pause!.timer, b.serverTime)).toBeGreaterThan(60_000);
    const ended = nextEvent<TimersView>(alex, 'timer:update', (v) => v.pause === null);
    await call(therapist, 'pause:end', {});
    await ended;
  });

  it('moves a script step made on process 1 to the partners on process 2', async () => {
    const started = nextEvent<ScriptRunView | null>(sam, 'script:update', (r) => r?.stepIndex === 0);
    await call(therapist, 'script:start', {
      scriptId: 'intentional-dialogue',
      assignments: { sender: ids.b, receiver: ids.a },
    });
    await started;
    const stepped = nextEvent<ScriptRunView | null>(alex, 'script:update', (r) => r?.stepIndex === 1);
    expect(await call(therapist, 'script:next', {})).toMatchObject({ ok: true, data: { stepIndex: 1 } });
    await stepped;
  });

  it('relays map edits each way, refuses a locked map on both, and keeps A’s private data from B', async () => {
    const mapDoc = docName({ kind: 'map', id: s.couple.id });
    const open = (url: string, browser: typeof s.therapist, name: string) => {
      const c = collabClient(url, name, { browser: browser.at(url), sessionId: s.sessionId });
      clients.push(c);
      return c;
    };
    const tMap = open(w.one.url, s.therapist, mapDoc);
    const aMap = open(w.two.url, s.partnerA, mapDoc);
    const bMap = open(w.two.url, s.partnerB, mapDoc);
    await Promise.all([tMap, aMap, bMap].map((c) => synced(c)));

    addCard(tMap.doc, 't1', 'shared', 'from process 1');
    await until(() => labelOf(aMap.doc, 't1') === 'from process 1', 'process 1 edit on process 2');
    addCard(aMap.doc, 'a1', 'a', 'from process 2');
    await until(() => labelOf(tMap.doc, 'a1') === 'from process 2', 'process 2 edit on process 1');

    // Presence in the doc (awareness) crosses too.
    aMap.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
    await until(
      () => tMap.provider.awareness.getStates().get(aMap.doc.clientID)?.['cursor'] !== undefined,
      'A’s cursor on process 1',
    );

    // Locked on process 1: a partner's edit is refused on process 2, and the therapist's copy stays unchanged.
    expect(await call(therapist, 'map:lock', { locked: true })).toMatchObject({ ok: true });
    const deniedBefore = aMap.denied();
    addCard(aMap.doc, 'a2', 'a', 'while locked');
    await until(() => aMap.denied() > deniedBefore, 'the lock refusing process 2');
    addCard(bMap.doc, 'b2', 'b', 'while locked');
    await until(() => bMap.denied() > 0, 'the lock refusing B');
    await tMap.roundTrip();
    expect(labelOf(tMap.doc, 'a2')).toBeUndefined();
    expect(await call(therapist, 'map:lock', { locked: false })).toMatchObject({ ok: true });

    // A's private line and panel, written by the therapist on process 1, reach A on process 2 and never B.
    const toAlex = nextEvent<ChatMessageDto>(alex, 'chat:message', (m) => m.text === 'private-5e1a');
    await call(therapist, 'chat:send', { partnerId: ids.a, text: 'private-5e1a' });
    await toAlex;
    // A writes the panel from a second tab that reached process 1; the tab on process 2 and the therapist get it.
    const panel = docName({ kind: 'panel', id: ids.a });
    const tPanel = open(w.one.url, s.therapist, panel);
    const aPanelOne = open(w.one.url, s.partnerA, panel);
    const aPanelTwo = open(w.two.url, s.partnerA, panel);
    await Promise.all([synced(tPanel), synced(aPanelOne), synced(aPanelTwo)]);
    aPanelOne.doc.getText('notes').insert(0, 'panel-9c3b');
    await until(() => aPanelTwo.doc.getText('notes').toString() === 'panel-9c3b', 'A’s panel on process 2');
    await until(() => tPanel.doc.getText('notes').toString() === 'panel-9c3b', 'A’s panel for the therapist');
    await call(sam, 'chat:history', { partnerId: ids.b }); // a round trip: all that was sent to B has arrived
    expect(samHeard.join('\n')).not.toMatch(/private-5e1a|panel-9c3b|chat:/);
    expect(samWire.packets.length).toBeGreaterThan(0);
    for (const p of samWire.packets) {
      expect(p.raw, shapeOf(p)).not.toMatch(/private-5e1a|panel-9c3b/);
      expect(shapeOf(p)).not.toMatch(/^event:chat:/);
    }
  });

  it('closes B’s connections on process 2 when the therapist revokes B’s link on process 1', async () => {
    const mapDoc = docName({ kind: 'map', id: s.couple.id });
    const bMap = collabClient(w.two.url, mapDoc, { browser: s.partnerB.at(w.two.url), sessionId: s.sessionId });
    clients.push(bMap);
    await synced(bMap);
    const ended = nextEvent(sam, 'auth:ended');
    await s.therapist.ok('DELETE', `/api/sessions/${s.sessionId}/invites/${ids.b}`);
    await ended;
    await until(() => bMap.closeCodes.includes(4401), 'B’s /collab connection on process 2 closed');
  });
});
