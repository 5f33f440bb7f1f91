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
 * Before the describe's tests: the built app, one Chromium, a joint session with the therapist, Alex (laptop) and
 * Sam (phone) admitted to the room, then `then` (a file's own extra set-up). After them: all closed. The object is
 * filled in before the first test runs.
 */
export function roomFixture(then?: (room: RoomFixture) => Promise<void>): RoomFixture {
  const room = {} as RoomFixture;
  beforeAll(async () => {
    room.app = await startApp();
    room.browser = await launchChromium();
    Object.assign(room, await jointSession(room.app, room.browser));
    await everyoneInTheRoom(room);
    await then?.(room);
  });
  afterAll(async () => {
    await room.browser?.close();
    await room.app?.dispose();
  });
  return room;
}
