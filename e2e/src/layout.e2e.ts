/**
 * The session room as a console: on a laptop and on a phone the page never scrolls, and what a person needs in
 * the moment (faces, the map or the current tab, Pause, quick exit or End, the call controls) is on screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startApp, type RunningApp } from './app.js';
import { launchChromium, seriousA11yViolations, POLL } from './browser.js';
import { everyoneInTheRoom, jointSession, type Scenario } from './scenario.js';

const LAPTOPS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];
const PHONES = [
  { width: 375, height: 812 },
  { width: 412, height: 915 },
];

/** The document itself does not scroll, either way. */
const documentFits = (page: Page) =>
  page.evaluate(() => {
    const doc = document.scrollingElement ?? document.documentElement;
    return doc.scrollHeight <= window.innerHeight && doc.scrollWidth <= window.innerWidth;
  });

/** Every element the locator matches lies wholly inside the viewport (and is rendered). */
async function allOnScreen(locator: Locator): Promise<boolean> {
  const page = locator.page();
  const size = page.viewportSize();
  const boxes = await Promise.all((await locator.all()).map((l) => l.boundingBox()));
  if (!size || boxes.length === 0) return false;
  return boxes.every(
    (b) =>
      !!b &&
      b.width > 0 &&
      b.height > 0 &&
      b.x >= 0 &&
      b.y >= 0 &&
      b.x + b.width <= size.width + 0.5 &&
      b.y + b.height <= size.height + 0.5,
  );
}

/** The share of the viewport the map canvas covers (only its visible part counts). */
const canvasShare = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('.map-canvas');
    if (!el) return 0;
    const r = el.getBoundingClientRect();
    const w = Math.max(0, Math.min(r.right, window.innerWidth) - Math.max(r.left, 0));
    const h = Math.max(0, Math.min(r.bottom, window.innerHeight) - Math.max(r.top, 0));
    return (w * h) / (window.innerWidth * window.innerHeight);
  });

/** What the self view's tile overlaps: the others' tiles, the call controls, the tabs (nothing, it should be). */
const selfViewCovers = (page: Page) =>
  page.evaluate(() => {
    const self = document.querySelector('figure.tile[data-self]')?.getBoundingClientRect();
    if (!self) return ['no self view'];
    const others = [
      ...document.querySelectorAll('figure.tile:not([data-self]), .call-controls .btn, [role="tab"], .quick-exit'),
    ];
    return others
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const w = Math.min(r.right, self.right) - Math.max(r.left, self.left);
        const h = Math.min(r.bottom, self.bottom) - Math.max(r.top, self.top);
        return r.width > 0 && w > 0.5 && h > 0.5;
      })
      .map((el) => el.getAttribute('data-person') ?? el.textContent ?? el.tagName);
  });

const pauseButton = (page: Page) => page.locator('.pause-call-group .btn-pause').first();
const tiles = (page: Page) => page.locator('figure.tile');
const callControls = (page: Page) => page.getByRole('group', { name: /^(Call controls|Controles de la llamada)$/ });
const currentTab = (page: Page) => page.locator('[role="tabpanel"][id^="room-panel-"]:not([hidden])');

describe('the session room fits the screen', () => {
  let app: RunningApp;
  let browser: Browser;
  let s: Scenario;
  const a11y: Record<string, string[]> = {};
  const scan = async (page: Page, state: string) => {
    a11y[state] = await seriousA11yViolations(page);
  };

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    s = await jointSession(app, browser);
    await s.sam.page.setViewportSize(PHONES[0]!);
    await everyoneInTheRoom(s);
    for (const actor of [s.therapist, s.alex, s.sam]) {
      await actor.page.getByRole('button', { name: 'Join the call' }).click();
      await actor.page.getByRole('button', { name: 'Mute' }).waitFor();
    }
    await s.therapist.page.locator('figure.tile[data-person="Sam"]').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('shows the therapist faces, the map, Pause, End and the call controls without scrolling, the map on 40 % of the screen', async () => {
    const t = s.therapist.page;
    for (const size of LAPTOPS) {
      await t.setViewportSize(size);
      await expect.poll(() => documentFits(t), POLL).toBe(true);
      await expect.poll(() => allOnScreen(tiles(t)), POLL).toBe(true);
      await expect.poll(() => allOnScreen(t.locator('.map-canvas')), POLL).toBe(true);
      expect(await allOnScreen(pauseButton(t))).toBe(true);
      expect(await allOnScreen(t.getByRole('button', { name: 'End session' }))).toBe(true);
      expect(await allOnScreen(callControls(t))).toBe(true);
      expect(await allOnScreen(t.getByRole('tab', { name: 'Exercise' }))).toBe(true);
      expect(await canvasShare(t)).toBeGreaterThanOrEqual(0.4);
      if (size === LAPTOPS[0]) await scan(t, 'therapist: map');
    }
    // Everything the therapist needs in the moment is one click away: the panel folds and comes back.
    const toggle = t.getByRole('button', { name: 'Therapist panel' });
    await toggle.click();
    await expect.poll(() => t.locator('#room-panel').isVisible(), POLL).toBe(false);
    await expect.poll(() => canvasShare(t), POLL).toBeGreaterThan(0.45);
    await scan(t, 'therapist: panel folded');
    await toggle.click();
    await t.getByRole('heading', { name: 'Waiting room' }).waitFor();
  }, 240_000);

  it('lets the therapist resize the side panel from the keyboard', async () => {
    const t = s.therapist.page;
    const splitter = t.getByRole('separator', { name: 'Resize: Therapist panel' });
    const width = () => t.locator('#room-panel').evaluate((el) => el.getBoundingClientRect().width);
    const before = await width();
    await splitter.focus();
    await t.keyboard.press('ArrowLeft');
    await t.keyboard.press('ArrowLeft');
    await expect.poll(width, POLL).toBeGreaterThan(before + 30);
    await t.keyboard.press('End');
    await expect.poll(width, POLL).toBeLessThan(before);
    expect(Number(await splitter.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    await t.keyboard.press('Enter');
    await expect.poll(() => t.locator('#room-panel').isVisible(), POLL).toBe(false);
    await t.keyboard.press('Enter');
    await expect.poll(() => t.locator('#room-panel').isVisible(), POLL).toBe(true);
  });

  it('lets the therapist widen the video column from the keyboard, the map keeping 40 % of the screen', async () => {
    const t = s.therapist.page;
    await t.setViewportSize(LAPTOPS[0]!);
    const splitter = t.getByRole('separator', { name: 'Resize: Video' });
    const width = () => t.locator('#room-video').evaluate((el) => el.getBoundingClientRect().width);
    // At 1280 px beside the open panel the map already needs all the room: fold the panel to make some.
    const toggle = t.getByRole('button', { name: 'Therapist panel' });
    await toggle.click();
    await expect.poll(() => t.locator('#room-panel').isVisible(), POLL).toBe(false);
    const before = await width();
    await splitter.focus();
    await t.keyboard.press('ArrowRight');
    await t.keyboard.press('ArrowRight');
    await expect.poll(width, POLL).toBeGreaterThan(before + 30);
    await t.keyboard.press('End');
    await expect.poll(width, POLL).toBeGreaterThan(before + 150);
    expect(await splitter.getAttribute('aria-valuenow')).toBe(await splitter.getAttribute('aria-valuemax'));
    expect(await canvasShare(t)).toBeGreaterThanOrEqual(0.4);
    expect(await documentFits(t)).toBe(true);
    expect(await allOnScreen(tiles(t))).toBe(true);
    // Remembered on this device.
    const stored = await t.evaluate(() => localStorage.getItem('tandem:room-video'));
    expect(JSON.parse(stored ?? '{}')).toMatchObject({ width: Math.round(await width()) });
    // The panel comes back: the column gives way so the map keeps its share.
    await toggle.click();
    await t.getByRole('heading', { name: 'Waiting room' }).waitFor();
    await expect.poll(() => canvasShare(t), POLL).toBeGreaterThanOrEqual(0.4);
    expect(await width()).toBeLessThan(before + 150);
    await splitter.focus();
    await t.keyboard.press('Home');
    await expect.poll(width, POLL).toBeLessThanOrEqual(before);
  });

  it('shows a partner on a phone the current tab, Pause, quick exit and the call controls without scrolling', async () => {
    const p = s.sam.page;
    for (const size of PHONES) {
      await p.setViewportSize(size);
      for (const tab of ['Call', 'Map', 'Exercise', 'Private']) {
        await p.getByRole('tab', { name: tab }).click();
        await expect.poll(() => documentFits(p), POLL).toBe(true);
        await expect.poll(() => allOnScreen(currentTab(p)), POLL).toBe(true);
        expect(await allOnScreen(tiles(p))).toBe(true);
        expect(await allOnScreen(pauseButton(p))).toBe(true);
        expect(await allOnScreen(p.getByRole('button', { name: 'Quick exit' }))).toBe(true);
        expect(await allOnScreen(callControls(p))).toBe(true);
        expect(await selfViewCovers(p)).toEqual([]);
        if (size === PHONES[0]) await scan(p, `partner: ${tab}`);
      }
    }
    await p.getByRole('tab', { name: 'Call' }).click();
  }, 240_000);

  it('opens the exercise on a partner’s phone when the therapist starts one, with Pause and quick exit on screen', async () => {
    const t = s.therapist.page;
    const p = s.sam.page;
    await t.getByRole('tab', { name: 'Exercise' }).click();
    await t.getByRole('button', { name: 'Start exercise' }).click();
    await p.getByRole('tab', { name: 'Exercise', selected: true }).waitFor();
    await p.locator('.script-runner').waitFor();
    await p.getByRole('status').filter({ hasText: 'An exercise started:' }).waitFor({ state: 'attached' });
    await expect.poll(() => allOnScreen(p.locator('.script-runner .script-step-line')), POLL).toBe(true);
    expect(await documentFits(p)).toBe(true);
    expect(await allOnScreen(pauseButton(p))).toBe(true);
    expect(await allOnScreen(p.getByRole('button', { name: 'Quick exit' }))).toBe(true);
    await scan(p, 'partner: exercise');
    await scan(t, 'therapist: exercise');
    // On a laptop, a partner on the map is told with a badge on the Exercise tab instead of being moved.
    const a = s.alex.page;
    expect(await a.getByRole('tab', { name: /^Map/, selected: true }).count()).toBe(1);
    await a
      .getByRole('tab', { name: /^Exercise/ })
      .filter({ hasText: 'new' })
      .waitFor();
    await t.getByRole('button', { name: 'End exercise' }).click();
    await p.locator('.script-runner').waitFor({ state: 'detached' });
  }, 240_000);

  it('keeps quick exit and the pause on a phone’s screen during a pause', async () => {
    const t = s.therapist.page;
    const p = s.sam.page;
    await pauseButton(t).click();
    await p.locator('.pause-countdown').waitFor();
    for (const size of PHONES) {
      await p.setViewportSize(size);
      await expect.poll(() => documentFits(p), POLL).toBe(true);
      await expect.poll(() => allOnScreen(p.locator('.pause-countdown')), POLL).toBe(true);
      expect(await allOnScreen(p.getByRole('button', { name: "I'm ready to come back" }))).toBe(true);
      expect(await allOnScreen(p.getByRole('button', { name: 'Quick exit', includeHidden: true }))).toBe(true);
    }
    await scan(p, 'partner: pause');
    await scan(t, 'therapist: pause');
    await t.getByRole('button', { name: 'End the pause' }).click();
    await p.locator('.pause-countdown').waitFor({ state: 'detached' });
  }, 240_000);

  it('has no serious or critical accessibility violations in any room state, in English and Spanish', async () => {
    const t = s.therapist.page;
    const p = s.sam.page;
    await t.getByRole('button', { name: 'Español', exact: true }).click();
    await t.getByRole('tab', { name: 'Mapa' }).click();
    await scan(t, 'terapeuta: mapa');
    await t.getByRole('tab', { name: 'Ejercicio' }).click();
    await scan(t, 'terapeuta: ejercicio');
    await p.getByRole('tab', { name: 'Call' }).click();
    await p.getByRole('button', { name: 'Español', exact: true }).click();
    for (const tab of ['Llamada', 'Mapa', 'Ejercicio', 'Privado']) {
      await p.getByRole('tab', { name: tab }).click();
      await expect.poll(() => allOnScreen(currentTab(p)), POLL).toBe(true);
      expect(await documentFits(p)).toBe(true);
      await scan(p, `pareja: ${tab}`);
    }
    const failures = Object.entries(a11y).filter(([, v]) => v.length > 0);
    expect(failures).toEqual([]);
    for (const actor of [s.therapist, s.alex, s.sam]) {
      expect(actor.errors).toEqual([]);
      expect(actor.missingKeys).toEqual([]);
    }
  }, 240_000);
});
