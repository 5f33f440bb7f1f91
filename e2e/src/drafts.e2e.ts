/**
 * Private drafting, revealed on cue (issue 15): the therapist opens a round, Sam drafts on a 375 px phone by
 * keyboard, the therapist sees it and asks to reveal it, Sam says yes, and Alex's map shows the card. Alex's page
 * never showed it before, and nothing of it reached Alex's wire before the reveal (sentinel: a room event after it).
 * Then in Spanish after a reload: a second draft, asked for and refused, never reaches Alex.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './app.js';
import { PHONE, launchChromium, screenshot, seriousA11yViolations, POLL } from './browser.js';
import { everyoneInTheRoom, jointSession, type Scenario } from './scenario.js';
import { storeLanguage } from './shots/shoot.js';
import { captureWire, type WireCapture } from './wire.js';

const MARKER = 'zqSamDraft5d81c';
const WORDS = `When the phone lights up ${MARKER}`;
const SECOND_MARKER = 'zqSamSecond77b2e';
const SECOND = `Lo que sentí: miedo ${SECOND_MARKER}`;
const cardTexts = (page: Page) => page.locator('.cycle-node .cycle-node-label').allInnerTexts();

/** Records, in the page itself, the first moment any text node holding the marker appears (null: never). */
const WATCH = `(() => {
  window.__seenMarker = null;
  const check = () => {
    if (window.__seenMarker === null && document.body && document.body.innerText.includes(${JSON.stringify(MARKER)}))
      window.__seenMarker = Date.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
})();`;
const seenAt = (page: Page) => page.evaluate(() => (window as unknown as { __seenMarker: number | null }).__seenMarker);

describe('private drafting on the map', () => {
  let app: RunningApp;
  let browser: Browser;
  let s: Scenario;
  let alexWire: WireCapture;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    s = await jointSession(app, browser);
    alexWire = await captureWire(s.alex.page); // before Alex's page loads anything
    await s.alex.page.addInitScript(WATCH);
    await everyoneInTheRoom(s);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('Sam drafts on a phone, the therapist reveals with Sam’s yes, and only then does Alex see the card', async () => {
    const t = s.therapist.page;
    const sam = s.sam.page;
    const alex = s.alex.page;
    expect(sam.viewportSize()).toEqual(PHONE);

    // The therapist opens the round, by keyboard.
    await t.getByRole('button', { name: 'Open a drafting round' }).focus();
    await t.keyboard.press('Enter');
    const samsDrafts = t.getByRole('region', { name: "Sam's drafts" });
    await samsDrafts.waitFor();

    // Sam, on the phone's Private tab: every drafting control within the screen, no scrolling.
    await sam.getByRole('tab', { name: 'Private' }).click();
    const drafting = sam.getByRole('region', { name: 'Your draft cards' });
    await drafting.waitFor();
    for (const control of [
      drafting.getByRole('radio', { name: 'What I did' }),
      drafting.getByLabel('Words on the card'),
      drafting.getByRole('button', { name: 'Add draft' }),
    ]) {
      const box = await control.boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= PHONE.height && box.x + box.width <= PHONE.width).toBe(true);
    }
    // By keyboard: the kind (arrow keys in the radio group), the words, then Enter on the button.
    await drafting.getByRole('radio', { name: 'What set it off' }).focus();
    await sam.keyboard.press('ArrowRight');
    expect(await drafting.getByRole('radio', { name: 'What I did' }).isChecked()).toBe(true);
    await sam.keyboard.press('ArrowLeft');
    await drafting.getByLabel('Words on the card').focus();
    await sam.keyboard.type(WORDS);
    await drafting.getByRole('button', { name: 'Add draft' }).focus();
    await sam.keyboard.press('Enter');
    await drafting.getByRole('list', { name: 'Your drafts' }).getByText(WORDS, { exact: true }).waitFor();
    await screenshot(sam, 'drafts-partner-375');
    expect(await seriousA11yViolations(sam)).toEqual([]);

    // The therapist sees it live, and asks to reveal it.
    await samsDrafts.getByText(WORDS, { exact: true }).waitFor();
    await screenshot(t, 'drafts-therapist-1280');
    expect(await seriousA11yViolations(t)).toEqual([]);

    // Before the reveal: a sentinel on Alex's Socket.IO line (the map lock, a room event) arrives after anything
    // Sam's drafting could have sent him; nothing of it is on his wire, nor was it ever on his screen.
    await t.locator('button.lock-toggle').click();
    await expect.poll(() => alexWire.find('map:lock').length, POLL).toBeGreaterThan(0);
    await t.locator('button.lock-toggle').click();
    await expect.poll(() => alexWire.find('"locked":false').length, POLL).toBeGreaterThan(0);
    expect(alexWire.find(MARKER)).toEqual([]);
    expect(await seenAt(alex)).toBeNull();

    await samsDrafts.getByRole('button', { name: new RegExp(`^Reveal\\W+${WORDS}$`) }).focus();
    await t.keyboard.press('Enter');
    await samsDrafts.getByText('Waiting for Sam to answer.').waitFor();

    // Sam's screen (only Sam's) asks; Sam agrees by keyboard.
    const dialog = sam.getByRole('alertdialog', { name: 'Show on the shared map?' });
    await dialog.getByText(WORDS, { exact: true }).waitFor();
    await screenshot(sam, 'drafts-confirm-375');
    expect(await seriousA11yViolations(sam)).toEqual([]);
    expect(await seenAt(alex)).toBeNull();
    expect(alexWire.find(MARKER)).toEqual([]);
    await dialog.getByRole('button', { name: 'Yes, show them' }).focus();
    await sam.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });

    // Now it is on the couple's map, on every screen; the drafts say so.
    await expect.poll(() => cardTexts(alex), POLL).toContain(WORDS);
    await expect.poll(() => cardTexts(t), POLL).toContain(WORDS);
    expect(await seenAt(alex)).not.toBeNull();
    expect(alexWire.find(MARKER).length).toBeGreaterThan(0); // the capture reads real content
    await samsDrafts.getByText('Sam agreed: the cards are on the map.').waitFor();
    await drafting.getByText('On the map', { exact: true }).waitFor();

    // In Spanish, after a reload (nothing is lost): a second draft, asked for, refused; Alex's map stays as it was.
    await drafting.getByLabel('Words on the card').fill(SECOND);
    await drafting.getByRole('button', { name: 'Add draft' }).click();
    await samsDrafts.getByText(SECOND, { exact: true }).waitFor();
    for (const page of [sam, t]) await storeLanguage(page, 'es');
    await sam.getByRole('tab', { name: 'Privado' }).click();
    const borradores = sam.getByRole('region', { name: 'Sus borradores de tarjetas' });
    await borradores.getByText(WORDS, { exact: true }).waitFor();
    expect(await borradores.getByText('En el mapa', { exact: true }).count()).toBe(1);
    const deSam = t.getByRole('region', { name: 'Borradores de Sam' });
    await deSam.getByRole('button', { name: new RegExp(`^Mostrar\\W+${SECOND}$`) }).click();
    const dialogo = sam.getByRole('alertdialog', { name: '¿Mostrar en el mapa compartido?' });
    await dialogo.getByText(SECOND, { exact: true }).waitFor();
    expect(await seriousA11yViolations(sam)).toEqual([]);
    expect(await seriousA11yViolations(t)).toEqual([]);
    await dialogo.getByRole('button', { name: 'No, mantenerlas en privado' }).focus();
    await sam.keyboard.press('Enter');
    await deSam.getByText('Sam las mantuvo en privado.').waitFor();
    const mark = alexWire.frames.length;
    await t.locator('button.lock-toggle').click(); // a sentinel on Alex's line after the refusal
    await expect.poll(() => alexWire.frames.slice(mark).some((f) => f.includes('"locked":true')), POLL).toBe(true);
    await t.locator('button.lock-toggle').click();
    expect(alexWire.find(SECOND_MARKER)).toEqual([]);
    expect(await cardTexts(alex)).not.toContain(SECOND);
    await alexWire.stop();
  });
});
