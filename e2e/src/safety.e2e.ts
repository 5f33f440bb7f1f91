/**
 * Quick exit at the worst moment: during a pause, on a small phone with no Escape key. The partner leaves for the
 * neutral page at once and the server hears it; the therapist's alert shows above the pause card and clears
 * when the partner is back in the room.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { IssuedInviteDto } from '@tandem/shared';
import { startApp, type RunningApp } from './app.js';
import { launchChromium, newActor, screenshot, seriousA11yViolations } from './browser.js';
import { api, everyoneInTheRoom, jointSession, type Scenario } from './scenario.js';

const POLL = { timeout: 10_000, interval: 100 };
const SMALL_PHONE = { width: 375, height: 667 } as const;

/** True when the element at the centre of the locator's box is the locator's element (or inside it). */
async function isOnTop(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  if (!box) return false;
  const handle = await target.elementHandle();
  return page.evaluate(
    ([el, x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return !!hit && (el as Element).contains(hit);
    },
    [handle, box.x + box.width / 2, box.y + box.height / 2] as const,
  );
}

function inViewport(page: Page, box: { x: number; y: number; width: number; height: number } | null): boolean {
  const vp = page.viewportSize();
  return !!box && !!vp && box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width && box.y + box.height <= vp.height;
}

/** The statuses the server answered to quick-exit requests for this session (from its request log). */
function quickExitAnswers(app: RunningApp, sessionId: string): number[] {
  return app
    .logs()
    .split('\n')
    .flatMap((line) => {
      try {
        const entry = JSON.parse(line) as { req?: { method?: string; path?: string }; res?: { status?: number } };
        const hit = entry.req?.method === 'POST' && entry.req.path === `/api/join/${sessionId}/quick-exit`;
        return hit && entry.res?.status !== undefined ? [entry.res.status] : [];
      } catch {
        return [];
      }
    });
}

describe('quick exit during a pause on a phone', () => {
  let app: RunningApp;
  let browser: Browser;
  let s: Scenario;

  beforeAll(async () => {
    // Request lines are logged at debug: the quick exit's answer is read from them.
    app = await startApp({ LOG_LEVEL: 'debug' });
    browser = await launchChromium();
    s = await jointSession(app, browser);
    await s.alex.context.close();
    s.alex = await newActor(browser, 'alex', { baseURL: app.url, viewport: SMALL_PHONE });
    await everyoneInTheRoom(s);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('leaves from above the pause card, and the therapist’s alert shows above it and clears when Alex is back', async () => {
    const alex = s.alex.page;
    const t = s.therapist.page;
    await t.locator('.pause-call-group .btn-pause').first().click();
    await alex.getByRole('dialog', { name: 'Taking a pause' }).waitFor();
    await t.getByRole('dialog', { name: 'Taking a pause' }).waitFor();

    // On the phone the quick exit is on screen, not covered by the pause card, and has a name.
    const quickExit = alex.getByRole('button', { name: 'Quick exit' });
    await quickExit.waitFor();
    expect(inViewport(alex, await quickExit.boundingBox())).toBe(true);
    expect(await isOnTop(alex, quickExit)).toBe(true);
    // The pause card keeps focus inside it, and the quick exit is one of its tab stops.
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await alex.keyboard.press('Tab');
      reached = await quickExit.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    expect(await seriousA11yViolations(alex)).toEqual([]);
    await screenshot(alex, 'safety-pause-quick-exit-375');

    const request = alex.waitForRequest((r) => r.url().endsWith('/quick-exit') && r.method() === 'POST');
    await quickExit.tap();
    await alex.waitForURL('**/neutral.html');
    expect(await alex.title()).toBe('New Tab');
    // The keepalive request outlives the page, so the page never sees its answer: the server's log does.
    await request;
    await expect.poll(() => quickExitAnswers(app, s.session.session.id), POLL).toEqual([200]);
    // The neutral page forgets the app's offline copies on this device.
    await expect
      .poll(
        () => alex.evaluate(async () => (await indexedDB.databases()).filter((d) => d.name?.startsWith('tandem:'))),
        POLL,
      )
      .toEqual([]);

    // The therapist's alert: announced, above the pause card, and its button can be pressed.
    const alert = t.getByRole('alert').filter({ hasText: 'Alex left with quick exit' });
    await alert.waitFor();
    expect(await isOnTop(t, alert)).toBe(true);
    await alert.getByRole('button', { name: 'Dismiss' }).click({ trial: true });
    expect(await t.getByRole('dialog', { name: 'Taking a pause' }).isVisible()).toBe(true);
    expect(await seriousA11yViolations(t)).toEqual([]);
    await screenshot(t, 'safety-alert-over-pause-1280');

    // Alex comes back with a new link and is admitted: the alert has done its job and clears.
    await t.getByRole('button', { name: 'End the pause' }).click();
    const alexId = s.couple.partners.find((p) => p.displayName === 'Alex')?.id ?? '';
    const invite = await api<IssuedInviteDto>(
      app,
      'POST',
      `/sessions/${s.session.session.id}/invites/${alexId}`,
      undefined,
      s.therapistCookie,
    );
    await alex.goto(invite.data.url);
    const understand = alex.getByRole('button', { name: 'I understand' });
    const waiting = alex.locator('[data-view="waiting"]');
    await understand.or(waiting).first().waitFor();
    if (await understand.isVisible()) await understand.click();
    expect(await alert.count()).toBe(1);
    await t.getByRole('button', { name: 'Admit Alex' }).click();
    await alex.getByRole('heading', { name: 'Shared workspace' }).waitFor();
    await expect.poll(() => alert.count(), POLL).toBe(0);
  });
});
