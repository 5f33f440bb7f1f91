/**
 * A screenshot tool, not a test: the couple's history (two sessions' maps compared, the sessions) at 375, 412,
 * 1280 and 1920 px, in English and Spanish, full page, into SHOTS_DIR (default /tmp/shots-history). Run after
 * `npm run build`:  npx tsx e2e/src/screensHistory.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startApp } from './app.js';
import { launchChromium } from './browser.js';
import { twoEndedSessions } from './historyMaps.js';
import { jointSession } from './scenario.js';

const DIR = process.env['SHOTS_DIR'] ?? '/tmp/shots-history';
const SIZES = [
  { width: 375, height: 667 },
  { width: 412, height: 915 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

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
    await twoEndedSessions(app, s);
    const t = s.therapist.page;
    await t.goto(`/couples/${s.couple.id}/history`);
    await t.locator('[data-history-side=to]').getByRole('img').waitFor();
    for (const lang of ['en', 'es'] as const) {
      await inLanguage(t, lang);
      for (const size of SIZES) {
        await t.setViewportSize(size);
        await t.waitForTimeout(250); // a screenshot tool: let the layout settle for the picture
        await t.screenshot({ path: path.join(DIR, `history-${lang}-${size.width}.png`), fullPage: true });
      }
    }
  } finally {
    await browser.close();
    await app.dispose();
  }
}

await main();
