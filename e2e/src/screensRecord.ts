/**
 * A screenshot tool, not a test: the session record (with its Download PDF button), the progress note (draft and
 * signed) and the account's practice name at 375, 412, 1280 and 1920 px, in English and Spanish, full page, into
 * SHOTS_DIR (default /tmp/shots-record), and the record's PDF in both languages beside them. Run after
 * `npm run build`:  npx tsx e2e/src/screensRecord.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startApp } from './app.js';
import { launchChromium } from './browser.js';
import { everyoneInTheRoom, jointSession } from './scenario.js';

const DIR = process.env['SHOTS_DIR'] ?? '/tmp/shots-record';
const SIZES = [
  { width: 375, height: 667 },
  { width: 412, height: 915 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

async function shoot(page: Page, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(250); // a screenshot tool: let the layout settle for the picture
    await page.screenshot({ path: path.join(DIR, `${name}-${size.width}.png`), fullPage: true });
  }
}

async function inLanguage(page: Page, lang: 'en' | 'es') {
  await page.locator(`.language-switcher [lang=${lang}]`).click();
  await page.locator(`html[lang=${lang}]`).waitFor();
}

async function main() {
  fs.mkdirSync(DIR, { recursive: true });
  const app = await startApp();
  const browser = await launchChromium();
  try {
    const s = await jointSession(app, browser);
    await everyoneInTheRoom(s);
    const t = s.therapist.page;
    await t.getByRole('button', { name: 'Insert template' }).click();
    await t.locator('.room-workspace').getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    // Alex's tab reloads: a drop and a rejoin on the record.
    await s.alex.page.reload();
    await s.alex.page.getByRole('heading', { name: 'Shared workspace' }).waitFor();
    await t.getByRole('button', { name: 'End session' }).click();
    await t.getByRole('alertdialog').getByRole('button', { name: 'End session' }).click();
    await t.getByRole('link', { name: 'Open the session record' }).click();
    await t.getByRole('img', { name: /conflict-cycle map/ }).waitFor();
    for (const lang of ['en', 'es'] as const) {
      await inLanguage(t, lang);
      await shoot(t, `record-${lang}`);
    }
    await inLanguage(t, 'en');
    await t.getByRole('link', { name: 'Progress note' }).click();
    await t.getByRole('textbox', { name: 'Attendance and length' }).waitFor();
    for (const lang of ['en', 'es'] as const) {
      await inLanguage(t, lang);
      await shoot(t, `note-draft-${lang}`);
    }
    await inLanguage(t, 'en');
    const alex = t.locator('fieldset[data-partner=a]');
    const sam = t.locator('fieldset[data-partner=b]');
    await alex.getByRole('textbox', { name: 'Presentation' }).fill('Calm, engaged; named the pursue pattern.');
    await alex.getByRole('radio', { name: 'None' }).check();
    await sam.getByRole('textbox', { name: 'Presentation' }).fill('Tearful at first, «me cuesta hablar».');
    await sam.getByRole('radio', { name: 'Low' }).check();
    await t.getByRole('textbox', { name: 'Plan' }).fill('Practise the pause twice before next week.');
    await t.getByRole('button', { name: 'Sign the note' }).click();
    await t.getByRole('alertdialog').getByRole('button', { name: 'Sign', exact: true }).click();
    await t.getByRole('textbox', { name: 'Addendum' }).fill('Sam later said the risk is none.');
    await t.getByRole('button', { name: 'Add addendum' }).click();
    await t.getByText('Addendum added.').waitFor();
    for (const lang of ['en', 'es'] as const) {
      await inLanguage(t, lang);
      await shoot(t, `note-signed-${lang}`);
    }
    // The practice's name, then the record's PDF in both languages (look at it with pdftoppm).
    await inLanguage(t, 'en');
    await t.goto('/account');
    const practice = t.getByRole('textbox', { name: 'Practice name' });
    await practice.fill('Consulta Núñez — Terapia de pareja');
    await t.getByRole('button', { name: 'Save practice name' }).click();
    await t.getByText('Practice name saved.').waitFor();
    for (const lang of ['en', 'es'] as const) {
      await inLanguage(t, lang);
      await shoot(t, `account-${lang}`);
    }
    await inLanguage(t, 'en');
    await t.goto(`/sessions/${s.session.session.id}/record`);
    for (const lang of ['en', 'es'] as const) {
      await inLanguage(t, lang);
      const [download] = await Promise.all([
        t.waitForEvent('download'),
        t.getByRole('button', { name: lang === 'en' ? 'Download PDF' : 'Descargar PDF' }).click(),
      ]);
      await download.saveAs(path.join(DIR, `record-${lang}.pdf`));
    }
    await inLanguage(t, 'en');
    // The couple's page: the ended session's Record link beside its notes.
    await t.goto(`/couples/${s.couple.id}`);
    await t.locator(`[data-session-id="${s.session.session.id}"]`).waitFor();
    await shoot(t, 'couple-es');
  } finally {
    await browser.close();
    await app.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
