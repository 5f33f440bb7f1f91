/** The set-up most e2e files share, as Vitest hooks: only for *.e2e.ts files (screenshot scripts use scenario.ts). */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './app.js';
import { launchChromium } from './browser.js';
import { everyoneInTheRoom, jointSession, type Scenario } from './scenario.js';

export interface RoomFixture extends Scenario {
  app: RunningApp;
  browser: Browser;
}

/**
 * Before the describe's tests: the built app, one Chromium, and a joint session booked for a signed-up therapist
 * (partners' pages open, not yet joined), then `then` (a file's own extra set-up). After them: all closed. The
 * object is filled in before the first test runs.
 */
export function sessionFixture(then?: (session: RoomFixture) => Promise<void>): RoomFixture {
  const session = {} as RoomFixture;
  beforeAll(async () => {
    session.app = await startApp();
    session.browser = await launchChromium();
    Object.assign(session, await jointSession(session.app, session.browser));
    await then?.(session);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.app?.dispose();
  });
  return session;
}

/** As `sessionFixture`, with the therapist, Alex (laptop) and Sam (phone) admitted to the room before `then`. */
export function roomFixture(then?: (room: RoomFixture) => Promise<void>): RoomFixture {
  return sessionFixture(async (room) => {
    await everyoneInTheRoom(room);
    await then?.(room);
  });
}
