/**
 * A screenshot tool, not a test: every state of the session room at 375, 412, 1280 and 1920 px, in English and
 * Spanish, into SHOTS_DIR (default /tmp/shots-console). Run after `npm run build`:
 *   npx tsx e2e/src/screens.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startApp } from './app.js';
import { launchChromium } from './browser.js';
import { jointSession } from './scenario.js';

const DIR = process.env['SHOTS_DIR'] ?? '/tmp/shots-console';
const DESKS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];
const PHONES = [
  { width: 375, height: 667 },
  { width: 412, height: 915 },
];

async function shoot(page: Page, name: string, sizes: { width: number; height: number }[]) {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.waitForTimeout(250); // a screenshot tool: let the layout settle for the picture
    await page.screenshot({ path: path.join(DIR, `${name}-${size.width}.png`) });
  }
}

async function setLanguage(page: Page, lang: 'en' | 'es') {
  const button = page.locator(`.language-switcher [lang=${lang}]`);
  if (!(await button.isVisible())) await page.getByRole('tab', { name: /^(Call|Llamada)/ }).click();
  await button.click();
}

/** Joins the call once the button is enabled (a press before the room's socket knows the person does nothing). */
async function joinCall(page: Page) {
  const join = page.getByRole('button', { name: 'Join the call' });
  await join.waitFor();
  for (let i = 0; i < 200 && !(await join.isEnabled()); i++) await page.waitForTimeout(50);
  await join.click();
  await join.waitFor({ state: 'detached' });
}

async function main() {
  fs.mkdirSync(DIR, { recursive: true });
  const app = await startApp();
  const browser = await launchChromium();
  try {
    const s = await jointSession(app, browser);
    const t = s.therapist.page;
    await t.goto(`/sessions/${s.session.session.id}`);
    await joinCall(t);
    await t.getByRole('button', { name: 'Mute' }).waitFor();
    await shoot(t, 'therapist-0-partners', DESKS);

    await s.alex.page.goto(s.inviteFor('Alex'));
    await s.alex.page.getByRole('button', { name: 'I understand' }).click();
    await t.getByRole('button', { name: 'Admit Alex' }).waitFor();
    await shoot(t, 'therapist-waiting', DESKS);
    await t.getByRole('button', { name: 'Admit Alex' }).click();
    await joinCall(s.alex.page);
    await shoot(t, 'therapist-1-partner', DESKS);

    await s.sam.page.goto(s.inviteFor('Sam'));
    await s.sam.page.getByRole('button', { name: 'I understand' }).click();
    await t.getByRole('button', { name: 'Admit Sam' }).click();
    const sam = s.sam.page;
    await joinCall(sam);
    await sam.getByRole('button', { name: 'Mute' }).waitFor();
    await t.locator('figure.tile[data-person="Sam"]').waitFor({ state: 'attached' });
    for (const lang of ['en', 'es'] as const) {
      await setLanguage(t, lang);
      await setLanguage(sam, lang);
      await shoot(t, `therapist-2-partners-map-${lang}`, DESKS);
      await t.getByRole('button', { name: /^(Therapist panel|Panel del terapeuta)/ }).click();
      await shoot(t, `therapist-panel-collapsed-${lang}`, DESKS);
      await t.getByRole('button', { name: /^(Therapist panel|Panel del terapeuta)/ }).click();
      for (const tab of ['Call', 'Map', 'Exercise', 'Private'] as const) {
        const names = {
          Call: /^(Call|Llamada)/,
          Map: /^(Map|Mapa)/,
          Exercise: /^(Exercise|Ejercicio)/,
          Private: /^(Private|Privado)/,
        };
        await sam.getByRole('tab', { name: names[tab] }).click();
        await shoot(sam, `partner-${tab.toLowerCase()}-${lang}`, PHONES);
      }
      await sam.getByRole('tab', { name: /^(Call|Llamada)/ }).click();
      await t.getByRole('tab', { name: /^(Exercise|Ejercicio)/ }).click();
      await shoot(t, `therapist-exercise-picker-${lang}`, DESKS);
      await t.getByRole('button', { name: /^(Start exercise|Comenzar el ejercicio|Empezar)/ }).click();
      await t.locator('.script-runner').waitFor();
      await sam.locator('.script-runner').waitFor();
      await shoot(t, `therapist-exercise-running-${lang}`, DESKS);
      await shoot(sam, `partner-exercise-running-${lang}`, PHONES);
      await t
        .getByRole('button', { name: /^(End exercise|End the exercise|Terminar ejercicio|Terminar el ejercicio)/ })
        .first()
        .click();
      await t.locator('.pause-call-group .btn-pause').first().click();
      await t.locator('.pause-countdown').waitFor();
      await sam.locator('.pause-countdown').waitFor();
      await shoot(t, `therapist-pause-${lang}`, DESKS);
      await shoot(sam, `partner-pause-${lang}`, PHONES);
      await sam.setViewportSize({ width: 740, height: 375 });
      await sam.screenshot({ path: path.join(DIR, `partner-pause-landscape-${lang}.png`) });
      await t.getByRole('button', { name: /^(End the pause|Terminar la pausa)/ }).click();
      await sam.locator('.pause-countdown').waitFor({ state: 'detached' });
      await sam.screenshot({ path: path.join(DIR, `partner-landscape-${lang}.png`) });
      await t.getByRole('tab', { name: /^(Map|Mapa)/ }).click();
    }
    await shoot(s.alex.page, 'partner-laptop', DESKS);
  } catch (e) {
    for (const c of browser.contexts())
      for (const [i, p] of c.pages().entries())
        await p.screenshot({ path: path.join(DIR, `fail-${browser.contexts().indexOf(c)}-${i}.png`) });
    throw e;
  } finally {
    await browser.close();
    await app.dispose();
  }
}

await main();
