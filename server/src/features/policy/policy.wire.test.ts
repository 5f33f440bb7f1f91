/**
 * Wire privacy of an acknowledgement: when A acknowledges the policy, B's connection receives no packet at all
 * (a sentinel round trip ends the window, compared with a control window), and B's own REST answers are
 * byte-identical before and after. Positive control: B's own acknowledgement does change B's answers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DB_KINDS,
  call,
  jointSessionScenario,
  startTestServer,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';
import { admittedRoom, type Room } from '../../test/room.js';
import { recordPackets, shapeOf } from '../../test/packets.js';

describe.each(DB_KINDS)("a partner's acknowledgement reaches nobody else (%s)", (db) => {
  let server: TestServer;
  let s: Scenario;
  let room: Room;

  beforeEach(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
    room = await admittedRoom(server, s);
  });
  afterEach(async () => {
    room.close();
    await server.dispose();
  });

  it("sends B nothing when A acknowledges, and B's answers do not change", async () => {
    const sam = recordPackets(room.partnerB);
    const therapistLog = recordPackets(room.therapist);
    const samRest = async () => {
      let all = '';
      for (const path of [`/api/join/${s.sessionId}`, `/api/join/${s.sessionId}/summaries`]) {
        const res = await fetch(server.url + path, {
          headers: { cookie: s.partnerB.cookieHeader, origin: server.url },
        });
        all += `${path}:${await res.text()}\n`;
      }
      return all;
    };
    /** What B received while `act` ran, up to B's own sentinel round trip. */
    const window = async (act: () => Promise<void>) => {
      const mark = sam.mark();
      const tMark = therapistLog.mark();
      await act();
      await call(room.partnerB, 'time:ping', {});
      await call(room.therapist, 'time:ping', {});
      return { sam: sam.since(mark).map(shapeOf), therapist: therapistLog.since(tMark).map(shapeOf) };
    };

    // Let the room settle (admission sends presence updates for a while): windows with nothing in them.
    for (let quiet = false, i = 0; !quiet && i < 20; i++) {
      const w = await window(() => Promise.resolve());
      quiet = [...w.sam, ...w.therapist].every((p) => p === 'ack');
    }
    const control = await window(() => Promise.resolve());
    const before = await samRest();
    const during = await window(async () => {
      await s.partnerA.ok('POST', `/api/join/${s.sessionId}/acknowledge`, { version: 1 });
    });
    expect(await server.ctx.db.selectFrom('policy_acks').select('partner_id').execute()).toEqual([
      { partner_id: s.couple.partners[0]!.id },
    ]);
    // Only the sentinel's own answer, exactly as in the control window.
    expect(during.sam).toEqual(control.sam);
    expect(during.sam).toEqual(['ack']);
    // Nothing is pushed to the therapist either: they read it on the couple's page.
    expect(during.therapist).toEqual(control.therapist);
    expect(await samRest()).toBe(before);

    // Positive control: the same comparison sees B's own acknowledgement.
    await s.partnerB.ok('POST', `/api/join/${s.sessionId}/acknowledge`, { version: 1 });
    expect(await samRest()).not.toBe(before);
  });
});
