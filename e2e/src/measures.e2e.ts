/**
 * The check-in and check-out in the room: each partner answers on their own screen (Sam on a 375 px phone, in
 * Spanish), the therapist sees both side by side, each partner only their own. Sam's whole wire (socket frames and
 * HTTP bodies) never carries Alex's answer; a reload keeps the answers and what is open. Axe-clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startApp, type RunningApp } from './app.js';
import { launchChromium, seriousA11yViolations, chooseLanguage, POLL } from './browser.js';
import { jointSession, type Scenario } from './scenario.js';
import { captureWire, type WireCapture } from './wire.js';

const ALEX_MARKER = 'zqAlexCheckin5d2e81';
const SAM_MARKER = 'zqSamCheckin0b7c44';

/** The element ends inside the viewport: reachable without scrolling. */
async function inViewport(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  const size = page.viewportSize();
  return box !== null && size !== null && box.y >= 0 && box.y + box.height <= size.height;
}

describe('the check-in and check-out', () => {
  let app: RunningApp;
  let browser: Browser;
  let s: Scenario;
  let samWire: WireCapture;
  const ids = { alex: '', sam: '' };

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    s = await jointSession(app, browser);
    ids.alex = s.couple.partners.find((p) => p.displayName === 'Alex')?.id ?? '';
    ids.sam = s.couple.partners.find((p) => p.displayName === 'Sam')?.id ?? '';
    samWire = await captureWire(s.sam.page); // before Sam's page loads anything
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('both partners come in, Sam reading in Spanish on his phone', async () => {
    const t = s.therapist.page;
    await t.goto(`/sessions/${s.session.session.id}`);
    await s.alex.page.goto(s.inviteFor('Alex'));
    await s.alex.page.getByRole('button', { name: 'I understand' }).click();
    await t.getByRole('button', { name: 'Admit Alex' }).click();
    // Sam reads the policy in Spanish and stays in Spanish.
    await s.sam.page.goto(s.inviteFor('Sam'));
    await chooseLanguage(s.sam.page, 'es');
    await s.sam.page.getByRole('button', { name: 'Entiendo' }).click();
    await t.getByRole('button', { name: 'Admit Sam' }).click();
  });

  it('offers the check-in in Alex’s own panel when he comes in (no card over the room); he answers privately', async () => {
    const alex = s.alex.page;
    const alexCard = alex.getByRole('dialog', { name: 'Check-in' });
    // Opened by the session's clock: a quiet prompt in his panel, the room stays usable.
    await alex.locator('.measures-partner').getByRole('button', { name: 'Answer' }).click();
    await alexCard.waitFor();
    await alexCard.getByRole('radio', { name: '7', exact: true }).check();
    await alexCard
      .getByRole('textbox', { name: 'One line on what happened since last time' })
      .fill(`${ALEX_MARKER} a calmer week`);
    expect(await seriousA11yViolations(alex)).toEqual([]);
    await alexCard.getByRole('button', { name: 'Send' }).click();
    await alexCard.waitFor({ state: 'detached' });
  });

  it('offers it on Sam’s phone too, in Spanish, the whole card in view', async () => {
    // Sam, on a 375 px phone in Spanish: the whole card fits, its send button without scrolling.
    const sam = s.sam.page;
    const samCard = sam.getByRole('dialog', { name: 'Cómo llegas' });
    // On the phone the prompt is in his private tab.
    await sam.locator('[role="tab"][aria-controls$="private"]').click();
    await sam.locator('.measures-partner').getByRole('button', { name: 'Responder' }).click();
    await samCard.waitFor();
    const send = samCard.getByRole('button', { name: 'Enviar' });
    expect(await inViewport(sam, send)).toBe(true);
    // The quick exit stays reachable above the card.
    expect(await inViewport(sam, sam.getByRole('button', { name: 'Salida rápida' }))).toBe(true);
    expect(await seriousA11yViolations(sam)).toEqual([]);
    await samCard.getByRole('radio', { name: '3', exact: true }).check();
    await samCard.getByRole('textbox', { name: /Una línea/ }).fill(`${SAM_MARKER} discutimos`);
    await send.click();
    await samCard.waitFor({ state: 'detached' });
  });

  it('shows the therapist both answers side by side', async () => {
    const t = s.therapist.page;
    const table = t.locator('.measures-panel [data-instrument="tandem.check-in"]');
    await expect
      .poll(() => table.locator(`tr[data-item=how] td[data-partner="${ids.alex}"]`).innerText(), POLL)
      .toBe('7');
    await expect
      .poll(() => table.locator(`tr[data-item=how] td[data-partner="${ids.sam}"]`).innerText(), POLL)
      .toBe('3');
    expect(await table.locator(`[data-item=since] [data-partner="${ids.alex}"]`).innerText()).toContain(ALEX_MARKER);
    expect(await table.locator(`[data-item=since] [data-partner="${ids.sam}"]`).innerText()).toContain(SAM_MARKER);
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['Question', 'Alex', 'Sam']);
    expect(await seriousA11yViolations(t)).toEqual([]);
  });

  it('opens the check-out from the room; Sam answers it on his phone; his wire never carried Alex’s answer', async () => {
    const t = s.therapist.page;
    await t.getByRole('button', { name: 'Open the check-out' }).click();
    const sam = s.sam.page;
    const samCard = sam.getByRole('dialog', { name: 'Cierre de la sesión' });
    await samCard.waitFor();
    const send = samCard.getByRole('button', { name: 'Enviar' });
    expect(await inViewport(sam, send)).toBe(true);
    for (const [item, value] of [
      ['Sentí que me escuchaban y me comprendían', '8'],
      ['Trabajamos en lo que me importaba', '6'],
      ['La forma de trabajar me encajó', '7'],
      ['En general, la sesión fue adecuada para mí', '7'],
    ] as const) {
      await samCard.getByRole('radiogroup', { name: item }).getByRole('radio', { name: value, exact: true }).check();
    }
    expect(await seriousA11yViolations(sam)).toEqual([]);
    await send.click();
    await samCard.waitFor({ state: 'detached' });
    const total = t.locator(`[data-instrument="tandem.check-out"] tr.measure-total td[data-partner="${ids.sam}"]`);
    await expect.poll(() => total.innerText(), POLL).toBe('28');

    // Sentinel: the check-out's opening reached Sam after Alex's check-in answer was stored and sent.
    await expect.poll(() => samWire.find('measures:update').length, POLL).toBeGreaterThan(0);
    await samWire.stop();
    expect(samWire.find(SAM_MARKER).length).toBeGreaterThan(0); // the capture works
    expect(samWire.find(ALEX_MARKER)).toEqual([]);
    // Nor Alex's answer in any other form: no response of his reached Sam.
    expect(samWire.find(`"partnerId":"${ids.alex}","answers"`)).toEqual([]);
    expect(await sam.content()).not.toContain(ALEX_MARKER);
    expect(await s.alex.page.content()).not.toContain(SAM_MARKER);
  });

  it('keeps the answers and what is open across a reload', async () => {
    // Alex has not answered the check-out: after a reload it opens for him again.
    const alex = s.alex.page;
    await alex.reload();
    await alex.getByRole('dialog', { name: 'Check-out' }).waitFor();
    await alex.getByRole('dialog', { name: 'Check-out' }).getByRole('button', { name: 'Later' }).click();
    const own = alex.locator('.measures-partner');
    await expect.poll(() => own.innerText(), POLL).toContain('You have not answered yet.');
    // The therapist's reload keeps both partners' answers.
    const t = s.therapist.page;
    await t.reload();
    const table = t.locator('.measures-panel [data-instrument="tandem.check-in"]');
    await expect
      .poll(() => table.locator(`tr[data-item=how] td[data-partner="${ids.sam}"]`).innerText(), POLL)
      .toBe('3');
    expect(await t.locator('[data-occasion=check-out][data-status=open]').count()).toBe(1);
    for (const actor of [s.therapist, s.alex, s.sam]) {
      expect(actor.missingKeys).toEqual([]);
      expect(actor.errors).toEqual([]);
    }
  });
});
