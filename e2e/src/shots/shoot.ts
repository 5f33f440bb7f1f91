/**
 * What every screenshot tool shares (they are tools for people to look at, not tests): the four widths every
 * screen is looked at, the two ways of switching the language, one picture per width, and the run itself (an app
 * on a fresh database and a Chromium, torn down however the script ends).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from '../app.js';
import { chooseLanguage, launchChromium } from '../browser.js';

export const SHOT_SIZES = [
  { width: 375, height: 667 },
  { width: 412, height: 915 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

export type ShotLanguage = 'en' | 'es';
export const SHOT_LANGUAGES = ['en', 'es'] as const;

/** The language picked from the page's switcher. */
export async function switchLanguage(page: Page, lang: ShotLanguage): Promise<void> {
  await chooseLanguage(page, lang);
}

/** The language as if chosen earlier in this tab, then a reload: for pages whose switcher is behind a modal. */
export async function storeLanguage(page: Page, lang: ShotLanguage): Promise<void> {
  await page.evaluate((l) => sessionStorage.setItem('tandem.language', l), lang);
  await page.reload();
  await page.locator(`html[lang=${lang}]`).waitFor();
}

/** Sets the page to each width in turn and lets the layout settle before the picture. */
export async function atEachSize(page: Page, shot: (width: number) => Promise<void>, settleMs = 250): Promise<void> {
  for (const size of SHOT_SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(settleMs); // a screenshot tool: let the layout settle for the picture
    await shot(size.width);
  }
}

/** One picture per width, `<name>-<width>.png` in `dir`. */
export async function shootSizes(
  page: Page,
  dir: string,
  name: string,
  options: { fullPage?: boolean; before?: (width: number) => Promise<void> } = {},
): Promise<void> {
  await atEachSize(page, async (width) => {
    await options.before?.(width);
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: options.fullPage ?? false });
  });
}

/**
 * Runs one screenshot script: `dir` is made, an app and a Chromium start, and both are torn down however `body`
 * ends; a failure is printed and sets the exit code.
 */
export function runShots(
  dir: string,
  body: (run: { app: RunningApp; browser: Browser; dir: string }) => Promise<void>,
  env: Record<string, string> = {},
): void {
  const run = async () => {
    fs.mkdirSync(dir, { recursive: true });
    const app = await startApp(env);
    const browser = await launchChromium();
    try {
      await body({ app, browser, dir });
    } finally {
      await browser.close();
      await app.dispose();
    }
  };
  run().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
