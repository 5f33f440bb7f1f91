/**
 * Quick exit at the worst moment: during a pause, on a small phone with no Escape key. The partner leaves for the
 * neutral page at once and the server hears it; the therapist's alert shows above the pause card and clears
 * when the partner is back in the room. The covert stop signal: it reaches the therapist above a running script and
 * a pause, Alex's screen shows no change, the one-click protocol runs, and Sam's wire holds none of it; on a phone
 * both partners have it beside the quick exit in the pause and check-in cards; the therapist's alert leaves their
 * Pause and End session in reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { IssuedInviteDto } from '@tandem/shared';
import { startApp, type RunningApp } from './app.js';
import { launchChromium, newActor, screenshot, seriousA11yViolations, POLL } from './browser.js';
import { api, everyoneInTheRoom, jointSession, type Scenario } from './scenario.js';
import { captureWire } from './wire.js';

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

/** The therapist's Pause (and its length menu) and End session, in the room's top bar. */
function roomControls(t: Page): Locator[] {
  return [
    t.locator('.pause-call-group .btn-pause').first(),
    t.locator('.pause-call-group .pause-length'),
    t.getByRole('button', { name: 'End session', exact: true }),
  ];
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

describe('the covert stop signal and the one-click protocol', () => {
  let app: RunningApp;
  let browser: Browser;
  let s: Scenario;
  /** The words agreed with Alex: a marker no byte of Sam's connection may ever hold. */
  const ALEX_LABEL = 'Could I get a glass of water';

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    s = await jointSession(app, browser);
    const alexId = s.couple.partners.find((p) => p.displayName === 'Alex')?.id ?? '';
    await api(
      app,
      'PUT',
      `/couples/${s.couple.id}/partners/${alexId}/stop-signal`,
      { label: ALEX_LABEL },
      s.therapistCookie,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('reaches the therapist above a running script and a pause, leaves Alex’s screen unchanged, and the protocol runs; Sam’s wire holds none of it', async () => {
    const t = s.therapist.page;
    const alex = s.alex.page;
    const sam = s.sam.page;
    const samWire = await captureWire(sam);
    // What Alex's page sends: the ids of its signals, to look for in Sam's wire.
    const alexCdp = await s.alex.context.newCDPSession(alex);
    await alexCdp.send('Network.enable');
    const sent: string[] = [];
    alexCdp.on('Network.webSocketFrameSent', ({ response }) => sent.push(response.payloadData));
    await everyoneInTheRoom(s);
    // The therapist is on the call (the breakout's controls are the call's).
    const join = t.getByRole('button', { name: 'Join the call' });
    await expect.poll(() => join.isEnabled(), POLL).toBe(true);
    await join.click();
    await t.getByRole('button', { name: 'Bring everyone back' }).or(t.locator('.breakout-bar')).first().waitFor();

    // A running script (Sam's phone opens the exercise by itself).
    await t.getByRole('tab', { name: 'Exercise' }).click();
    await t.getByRole('button', { name: 'Start exercise' }).click();
    await sam.locator('.script-runner').waitFor();
    await t.locator('.script-runner').waitFor();

    // Alex, by keyboard only: Tab to the control, which carries the agreed words and nothing else.
    const control = alex.getByRole('button', { name: ALEX_LABEL, exact: true });
    await control.waitFor();
    expect(await control.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+Y');
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await alex.keyboard.press('Tab');
      reached = await control.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    const panel = alex.locator('.private-panel');
    const before = await panel.screenshot({ animations: 'disabled' });
    const layoutBefore = await alex.evaluate(() => document.body.getBoundingClientRect().height);
    await alex.keyboard.press('Enter');

    // Alex's side: only a screen reader hears a neutral "Sent." once the server has it.
    await alex.locator('[data-stop-signal] [role=status]').filter({ hasText: 'Sent.' }).waitFor({ state: 'attached' });
    const alert = t.getByRole('alert').filter({ hasText: 'Alex sent the stop signal.' });
    await alert.waitFor();
    expect(await isOnTop(t, alert)).toBe(true);
    expect(await t.locator('.script-runner').isVisible()).toBe(true);
    // The panel looks exactly as before (no visible change at all), focus stays on the control.
    const after = await panel.screenshot({ animations: 'disabled' });
    expect(after.equals(before)).toBe(true);
    expect(await alex.evaluate(() => document.body.getBoundingClientRect().height)).toBe(layoutBefore);
    expect(await control.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await seriousA11yViolations(alex)).toEqual([]);

    // A pause for the room; Alex sends again with the chord, from under the pause card.
    // The alert sits below the top bar: the therapist's Pause and End session stay in view and clickable.
    expect(t.viewportSize()).toEqual({ width: 1280, height: 800 });
    for (const control of roomControls(t)) expect(await isOnTop(t, control)).toBe(true);
    await t.locator('.pause-call-group .btn-pause').first().click();
    await alex.getByRole('dialog', { name: 'Taking a pause' }).waitFor();
    await t.getByRole('dialog', { name: 'Taking a pause' }).waitFor();
    await alex.keyboard.press('Alt+Shift+KeyY');
    const again = t.getByRole('alert').filter({ hasText: 'Alex sent the stop signal (2 times).' });
    await again.waitFor();
    expect(await isOnTop(t, again)).toBe(true);
    expect(await seriousA11yViolations(t)).toEqual([]);
    await screenshot(t, 'safety-stop-signal-over-pause-1280');

    // One click: the pause is already running, so the protocol waits for its end, then takes Alex aside.
    await again.getByRole('button', { name: 'Pause, then see each partner' }).click();
    const status = t.getByRole('alert').filter({ hasText: 'Safety protocol: the room is pausing.' });
    await status.waitFor();
    await t.getByRole('button', { name: 'End the pause' }).click();
    await t.getByRole('alert').filter({ hasText: 'Safety protocol: private talk with Alex.' }).waitFor();
    const reason = 'Dr Rivera would like a few minutes with each of you.';
    await sam.locator('[data-view="hold"]').getByText(reason).waitFor();
    await t.getByRole('button', { name: 'Bring everyone back' }).click();
    // Then Sam's turn: Alex now waits with the very same words.
    await alex.locator('[data-view="hold"]').getByText(reason).waitFor();
    await t.getByRole('alert').filter({ hasText: 'Safety protocol: private talk with Sam, the last step.' }).waitFor();
    await t.getByRole('button', { name: 'Bring everyone back' }).click();
    await expect.poll(() => t.getByRole('alert').filter({ hasText: 'Safety protocol' }).count(), POLL).toBe(0);
    await again.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => again.count(), POLL).toBe(0);

    // Sam's every frame and response: no label, no signal id, no safety event.
    const ids = sent.flatMap((f) =>
      [...f.matchAll(/"safety:signal",\{"id":"([0-9a-f-]{36})"\}/g)].map((m) => m[1] ?? ''),
    );
    expect(ids).toHaveLength(2);
    await samWire.stop();
    for (const marker of [ALEX_LABEL, ...ids]) expect(samWire.find(marker), marker).toEqual([]);
    // No safety event on any of Sam's frames (the app's code and strings, downloaded by every page, name them).
    const frames = samWire.frames.map((f) => f.toString('utf8'));
    for (const word of ['safety:', 'stop_signal', 'stop-signal', 'protocol']) {
      expect(
        frames.filter((f) => f.includes(word)),
        word,
      ).toEqual([]);
    }
    expect(samWire.frames.length).toBeGreaterThan(0);
    expect(s.alex.errors).toEqual([]);
    expect(s.sam.errors).toEqual([]);
  }, 240_000);

  it('offers Sam, on a 375 px phone in Spanish, the default neutral words, and the alert reaches the therapist', async () => {
    const sam = s.sam.page;
    await sam.setViewportSize(SMALL_PHONE);
    await sam.evaluate(() => sessionStorage.setItem('tandem.language', 'es'));
    await sam.reload();
    await sam.getByRole('tab', { name: /^Privado/ }).click();
    const control = sam.getByRole('button', { name: 'Quisiera un poco de agua', exact: true });
    await control.waitFor();
    expect(inViewport(sam, await control.boundingBox())).toBe(true);
    expect(await seriousA11yViolations(sam)).toEqual([]);
    await control.tap();
    await s.therapist.page.getByRole('alert').filter({ hasText: 'Sam sent the stop signal.' }).waitFor();
    await sam
      .locator('[data-stop-signal] [role=status]')
      .filter({ hasText: 'Enviado.' })
      .waitFor({ state: 'attached' });
    expect(s.sam.missingKeys).toEqual([]);
  }, 60_000);

  it('gives both partners the same control beside the quick exit in the pause and check-in cards on a phone', async () => {
    const t = s.therapist.page;
    const alex = s.alex.page;
    const sam = s.sam.page;
    await alex.setViewportSize(SMALL_PHONE);
    // Sam's alert is still up: the therapist's Pause and End session are not under it.
    await t.getByRole('alert').filter({ hasText: 'Sam sent the stop signal.' }).waitFor();
    for (const control of roomControls(t)) expect(await isOnTop(t, control)).toBe(true);
    await t.locator('.pause-call-group .btn-pause').first().click();
    const alexCard = alex.getByRole('dialog', { name: 'Taking a pause' });
    await alexCard.waitFor();
    await sam.getByRole('dialog', { name: 'Una pausa' }).waitFor();
    // The same control, in the same corner of the quick exit's row, on both phones; each with their own words.
    const alexDock = alex.locator('.pause-modal .stop-signal-dock');
    const samDock = sam.locator('.pause-modal .stop-signal-dock');
    const alexStop = alexDock.getByRole('button', { name: ALEX_LABEL, exact: true });
    await alexStop.waitFor();
    await samDock.getByRole('button', { name: 'Quisiera un poco de agua', exact: true }).waitFor();
    const [a, b] = [await alexDock.boundingBox(), await samDock.boundingBox()];
    expect(inViewport(alex, a) && inViewport(sam, b)).toBe(true);
    expect([a?.x, a?.y]).toEqual([b?.x, b?.y]);
    const exit = await alex.locator('.pause-modal .quick-exit').boundingBox();
    expect(Math.abs((exit?.y ?? 0) + (exit?.height ?? 0) - ((a?.y ?? 0) + (a?.height ?? 0)))).toBeLessThan(2);
    expect(await isOnTop(alex, alexStop)).toBe(true);
    expect(await seriousA11yViolations(alex)).toEqual([]);
    expect(await seriousA11yViolations(sam)).toEqual([]);
    // Its words, box and colours, before and after (the pointer away both times: hover is not the signal's doing).
    const look = async () => {
      await alex.mouse.move(200, 20);
      return alexStop.evaluate(async (el) => {
        // The hover colour's short transition ends first.
        await Promise.all(el.getAnimations().map((a) => a.finished));
        const st = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return [el.textContent, r.x, r.y, r.width, r.height, st.color, st.backgroundColor, st.borderColor].join('|');
      });
    };
    const before = await look();
    await alexStop.click();
    const alert = t.getByRole('alert').filter({ hasText: 'Alex sent the stop signal.' });
    await alert.waitFor();
    expect(await isOnTop(t, alert)).toBe(true);
    // Nothing visible changed on Alex's phone; the pause card's own buttons are not under the alert.
    await alex
      .locator('.pause-modal [data-stop-signal] [role=status]')
      .filter({ hasText: 'Sent.' })
      .waitFor({ state: 'attached' });
    expect(await look()).toBe(before);
    expect(await isOnTop(t, t.getByRole('button', { name: 'End the pause' }))).toBe(true);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await t.getByRole('button', { name: 'End the pause' }).click();
    await alexCard.waitFor({ state: 'detached' });

    // The check-in card, opened from Alex's private tab: the same control beside the quick exit.
    await alex.locator('[role="tab"][aria-controls$="private"]').click();
    await alex.locator('.measures-partner').getByRole('button', { name: 'Answer' }).click();
    const checkIn = alex.locator('.measure-modal');
    await checkIn.getByRole('dialog', { name: 'Check-in' }).waitFor();
    const inCheckIn = checkIn.locator('.stop-signal-dock').getByRole('button', { name: ALEX_LABEL, exact: true });
    expect(inViewport(alex, await inCheckIn.boundingBox())).toBe(true);
    expect(await isOnTop(alex, inCheckIn)).toBe(true);
    await inCheckIn.click();
    await t.getByRole('alert').filter({ hasText: 'Alex sent the stop signal.' }).waitFor();
    expect(await seriousA11yViolations(alex)).toEqual([]);
    expect(s.alex.errors).toEqual([]);
  }, 90_000);
});
