import type { Browser } from 'playwright-core';
import type { RunningApp } from '../app.js';
import { newActor } from '../browser.js';
import { everyoneInTheRoom, jointSession, type Scenario } from '../scenario.js';

/**
 * A joint session with everyone in the room: the therapist admits from the side panel on a laptop, Alex joins at
 * `viewport` (for screenshots at that width).
 */
export async function roomWithAlexAt(
  app: RunningApp,
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<Scenario> {
  const s = await jointSession(app, browser);
  const token = s.therapistCookie.split('=')[1] ?? '';
  for (const actor of [s.therapist, s.alex]) await actor.context.close();
  s.therapist = await newActor(browser, 'therapist', { baseURL: app.url });
  await s.therapist.context.addCookies([{ name: 'tandem_session', value: token, url: app.url }]);
  s.alex = await newActor(browser, 'alex', { baseURL: app.url, viewport });
  await everyoneInTheRoom(s);
  return s;
}
