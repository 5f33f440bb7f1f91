/** The conflict-cycle map, live between three people. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DESKTOP, screenshot, seriousA11yViolations, POLL } from './browser.js';
import { roomFixture } from './fixture.js';
import { jointSession } from './scenario.js';

const cardTexts = (page: Page) => page.locator('.cycle-node .cycle-node-label').allInnerTexts();
const card = (page: Page, text: string) => page.locator('.react-flow__node', { hasText: text });
/** Words stay readable, so a map wider or taller than the canvas is panned: focusing a card brings it into view. */
async function press(page: Page, text: string, how: 'click' | 'dblclick') {
  const c = card(page, text);
  await c.focus();
  await c[how]();
}

/** Every locator's element lies wholly inside the viewport. */
async function onScreen(locators: Locator[]): Promise<boolean> {
  const size = locators[0]?.page().viewportSize();
  const boxes = await Promise.all(locators.map((l) => l.boundingBox()));
  return (
    !!size &&
    boxes.every(
      (b) => !!b && b.y >= 0 && b.x >= 0 && b.x + b.width <= size.width + 0.5 && b.y + b.height <= size.height + 0.5,
    )
  );
}

describe('the conflict-cycle map', () => {
  const s = roomFixture(async (s) => {
    // On a phone the room opens on the call and the map as a list of the cycle; these checks read the canvas.
    await s.sam.page.getByRole('tab', { name: /^(Map|Mapa)/ }).click();
    await s.sam.page
      .getByRole('radio', { name: 'Canvas' })
      .or(s.sam.page.getByRole('button', { name: 'Canvas' }))
      .click();
  });

  it('the therapist inserts the pursue–withdraw template and edits a label; both partners see it', async () => {
    const t = s.therapist.page;
    await t.getByRole('button', { name: 'Insert template' }).click();
    await expect.poll(() => cardTexts(t), POLL).toContain('Alex criticises, pushes, follows');
    await press(t, 'Alex criticises, pushes, follows', 'dblclick');
    const field = t.getByRole('textbox', { name: 'Words on this card' });
    await field.fill('Alex criticises, follows from room to room');
    await field.press('Enter');
    for (const page of [s.alex.page, s.sam.page]) {
      await expect.poll(() => cardTexts(page), POLL).toContain('Alex criticises, follows from room to room');
      await expect.poll(() => cardTexts(page), POLL).toContain('Sam goes quiet, leaves the room');
    }
    await expect
      .poll(
        () => t.locator('.room-workspace').getByRole('status').filter({ hasText: 'All changes saved' }).count(),
        POLL,
      )
      .toBe(1);
    expect(await t.getByRole('heading', { name: 'The cycle in words' }).count()).toBe(1);
  });

  it('partner A adds a card on their side and the therapist sees it', async () => {
    const a = s.alex.page;
    await a.getByRole('button', { name: 'Add trigger' }).click();
    const field = a.getByRole('textbox', { name: 'Words on this card' });
    await field.fill('Sam checks the phone at dinner');
    await field.press('Enter');
    await expect.poll(() => cardTexts(s.therapist.page), POLL).toContain('Sam checks the phone at dinner');
    expect(
      await card(s.therapist.page, 'Sam checks the phone at dinner').locator('.cycle-node').getAttribute('data-side'),
    ).toBe('a');
    // Only on his side: Sam's cards are there to follow and connect to, not to change.
    await a.getByText('You add and change the cards on your side (Alex)').waitFor();
    await press(a, 'Sam goes quiet, leaves the room', 'dblclick');
    await a.getByRole('group', { name: 'Selected: Sam goes quiet, leaves the room' }).waitFor();
    expect(await a.getByRole('textbox', { name: 'Words on this card' }).count()).toBe(0);
    expect(await a.getByRole('button', { name: 'Delete card' }).count()).toBe(0);
    await screenshot(a, 'map-partner-own-side-1280');
    await screenshot(s.therapist.page, 'map-therapist-1280');
    await screenshot(s.sam.page, 'map-partner-375');
  });

  it('the others see a card move while the therapist drags it, and land where it was dropped', async () => {
    const t = s.therapist.page;
    const a = s.alex.page;
    const text = 'Sam goes quiet, leaves the room';
    /** Where the card is drawn on the map (flow coordinates: the same on every screen). */
    const at = (page: Page) =>
      card(page, text).evaluate((el) => {
        const m = new DOMMatrix(getComputedStyle(el).transform);
        return `${Math.round(m.e)},${Math.round(m.f)}`;
      });
    const before = await at(a);
    await press(t, text, 'click');
    const box = await card(t, text).boundingBox();
    if (!box) throw new Error('no card');
    const from = { x: box.x + box.width * 0.3, y: box.y + box.height / 2 };
    await t.mouse.move(from.x, from.y);
    await t.mouse.down();
    for (let i = 1; i <= 8; i++) await t.mouse.move(from.x + i * 10, from.y + i * 4);
    // Still held: Alex already sees it on its way.
    await expect.poll(() => at(a), POLL).not.toBe(before);
    for (let i = 9; i <= 12; i++) await t.mouse.move(from.x + i * 10, from.y + i * 4);
    await t.mouse.up();
    const dropped = await at(t);
    expect(dropped).not.toBe(before);
    for (const page of [a, s.sam.page]) await expect.poll(() => at(page), POLL).toBe(dropped);
  });

  it('locks the map: partner A can no longer change it', async () => {
    const t = s.therapist.page;
    await t.getByRole('button', { name: 'Lock the map' }).click();
    await s.alex.page.getByText('The therapist has locked the map for now.').waitFor();
    expect(await s.alex.page.getByRole('button', { name: 'Add trigger' }).count()).toBe(0);
    // Dragging and editing are off too.
    await press(s.alex.page, 'Sam checks the phone at dinner', 'dblclick');
    expect(await s.alex.page.getByRole('textbox', { name: 'Words on this card' }).count()).toBe(0);
    // The therapist still edits.
    await t.getByRole('button', { name: 'Add note' }).click();
    await t.getByRole('textbox', { name: 'Words on this card' }).fill('Cycle is the enemy');
    await t.getByRole('textbox', { name: 'Words on this card' }).press('Enter');
    await expect.poll(() => cardTexts(s.alex.page), POLL).toContain('Cycle is the enemy');
  });

  it('drops an edit the server refused (it arrived after the lock), and the partner carries on', async () => {
    const t = s.therapist.page;
    const a = s.alex.page;
    const lockToggle = t.locator('button.lock-toggle'); // "Lock the map" / "Unlock the map"
    const lockedNote = a.getByText('The therapist has locked the map for now.');
    await lockToggle.click(); // unlock
    await lockedNote.waitFor({ state: 'detached' });
    // Hold what Alex's map sends, so that his edit reaches the server only after the therapist has locked.
    let hold = false;
    const held: Array<() => void> = [];
    await a.routeWebSocket(/\/collab\/map\./, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => (hold ? held.push(() => server.send(m)) : server.send(m)));
      server.onMessage((m) => ws.send(m));
    });
    await a.reload();
    await card(a, 'Sam checks the phone at dinner').waitFor();
    hold = true;
    await press(a, 'Sam checks the phone at dinner', 'click');
    await a.getByRole('button', { name: 'Edit words' }).click();
    await a.getByRole('textbox', { name: 'Words on this card' }).fill('Sam checks the phone at every meal');
    await a.getByRole('textbox', { name: 'Words on this card' }).press('Enter');
    await lockToggle.click(); // lock
    await lockedNote.waitFor();
    hold = false;
    for (const send of held.splice(0)) send();
    // Refused: Alex's map starts again from the server's, and says so.
    await a.getByText('One of your changes could not be kept').waitFor();
    await expect.poll(() => cardTexts(a), POLL).toContain('Sam checks the phone at dinner');
    expect(await cardTexts(t)).not.toContain('Sam checks the phone at every meal');
    // Unlocked again, his next edit counts (nothing left over from the refused one blocks it).
    await lockToggle.click();
    await lockedNote.waitFor({ state: 'detached' });
    await press(a, 'Sam checks the phone at dinner', 'click');
    await a.getByRole('button', { name: 'Edit words' }).click();
    await a.getByRole('textbox', { name: 'Words on this card' }).fill('Sam checks the phone at dinner, again');
    await a.getByRole('textbox', { name: 'Words on this card' }).press('Enter');
    await expect.poll(() => cardTexts(t), POLL).toContain('Sam checks the phone at dinner, again');
    await screenshot(a, 'map-partner-refused-1280');
  });

  it('shows the same map after a reload', async () => {
    const before = (await cardTexts(s.therapist.page)).sort();
    await s.therapist.page.reload();
    await expect.poll(async () => (await cardTexts(s.therapist.page)).sort(), POLL).toEqual(before);
    expect(before.length).toBe(14);
  });

  it('exports the map as a real PNG image', async () => {
    const t = s.therapist.page;
    const [download] = await Promise.all([
      t.waitForEvent('download'),
      t.getByRole('button', { name: 'Export PNG' }).click(),
    ]);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(5_000);
    expect(download.suggestedFilename()).toMatch(/^cycle-map-.*\.png$/);
  });

  it('keeps edits made while the server is down, and merges them when it is back', async () => {
    const t = s.therapist.page;
    await s.app.kill(); // SIGKILL: every connection drops at once
    await t
      .locator('.room-workspace')
      .getByText('Offline: changes are kept on this device')
      .waitFor({ timeout: 15_000 });
    await t.getByRole('button', { name: 'Add note' }).click();
    const field = t.getByRole('textbox', { name: 'Words on this card' });
    await field.fill('Written while the server was down');
    await field.press('Enter');
    await s.app.start();
    for (const page of [s.alex.page, s.sam.page]) {
      await expect
        .poll(() => cardTexts(page), { timeout: 20_000, interval: 200 })
        .toContain('Written while the server was down');
    }
    await expect
      .poll(
        () => t.locator('.room-workspace').getByRole('status').filter({ hasText: 'All changes saved' }).count(),
        POLL,
      )
      .toBe(1);
  });

  it('keeps a snapshot when the session ends, shown in the next session’s history', async () => {
    const t = s.therapist.page;
    await t.getByRole('button', { name: 'End session' }).click();
    await t.getByRole('alertdialog').getByRole('button', { name: 'End session' }).click();
    await t.getByRole('heading', { level: 1, name: 'Session ended' }).waitFor();
    const next = await jointSession(s.app, s.browser);
    const t2 = next.therapist.page;
    await t2.goto(`/sessions/${next.session.session.id}`);
    await expect.poll(() => cardTexts(t2), POLL).toContain('Cycle is the enemy');
    // Something written after that session, which the therapist will take back.
    await t2.getByRole('button', { name: 'Add note' }).click();
    await t2.getByRole('textbox', { name: 'Words on this card' }).fill('Written after the session');
    await t2.getByRole('textbox', { name: 'Words on this card' }).press('Enter');
    await expect.poll(() => cardTexts(t2), POLL).toContain('Written after the session');
    // The toolbar is one row that scrolls sideways on a laptop; the card editor just closed beside it.
    const history = t2.getByRole('button', { name: 'History' });
    await history.scrollIntoViewIfNeeded();
    await history.click();
    const dialog = t2.getByRole('dialog', { name: 'The map after past sessions' });
    // An untitled session is listed as such (its title is '' until the therapist types one).
    await dialog
      .getByRole('button', { name: new RegExp(`^${s.session.session.title || 'Untitled session'}, `) })
      .click();
    const view = dialog.getByTestId('map-history-view');
    await expect.poll(() => view.locator('.cycle-node-label').allInnerTexts(), POLL).toContain('Cycle is the enemy');
    expect(await seriousA11yViolations(t2)).toEqual([]);
    await screenshot(t2, 'map-history-1280');
    // The dialog fits the window, on a laptop and on a phone: Restore and Close are on screen, the canvas gives way.
    const restore = view.getByRole('button', { name: 'Restore this version' });
    const close = dialog.getByRole('button', { name: 'Close', exact: true });
    for (const size of [{ width: 375, height: 667 }, DESKTOP]) {
      await t2.setViewportSize(size);
      await expect.poll(() => onScreen([restore, close, view.locator('.map-canvas')]), POLL).toBe(true);
      if (size !== DESKTOP) await screenshot(t2, 'map-history-375');
    }
    // "Restore this version": the live map goes back for everyone, after a confirmation.
    await restore.click();
    await t2
      .getByRole('alertdialog', { name: 'Restore this version of the map?' })
      .getByRole('button', { name: 'Restore' })
      .click();
    await dialog.getByText('The map was restored for everyone.').waitFor();
    await close.click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => cardTexts(t2), POLL).not.toContain('Written after the session');
    expect(await cardTexts(t2)).toContain('Cycle is the enemy');
    await t2.reload();
    await expect.poll(() => cardTexts(t2), POLL).toContain('Cycle is the enemy');
    expect(await cardTexts(t2)).not.toContain('Written after the session');
    for (const a of [s.therapist, s.alex, s.sam, next.therapist]) expect(a.errors).toEqual([]);
  });
});
