/** The system Chromium driven by playwright-core: one browser, one context per person. */
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const CANDIDATES = [
  process.env['CHROMIUM_PATH'],
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

export function chromiumPath(): string {
  const found = CANDIDATES.find((p): p is string => !!p && fs.existsSync(p));
  if (!found) throw new Error('No Chromium found: install it (`apt-get install chromium`) or set CHROMIUM_PATH.');
  return found;
}

/**
 * The fake camera's frame rate in tests. Chromium's default (20 fps, each frame encoded once per peer and decoded
 * by every other page) made the fake media the largest CPU cost of a three-person room on two cores; 5 is the
 * lowest it accepts, and still a moving picture for the tests that check that video plays.
 */
export const TEST_CAMERA_FPS = 5;

/** Flags known to make headless Chromium (and WebRTC between contexts) work on these machines: see STACK.md. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

/** `cameraFps`: the fake camera's frame rate (benchmarks pass a real camera's). */
export function launchChromium(options: { cameraFps?: number } = {}): Promise<Browser> {
  const fakeDevice = `--use-fake-device-for-media-stream=fps=${options.cameraFps ?? TEST_CAMERA_FPS}`;
  return chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, fakeDevice], headless: true });
}

/**
 * How long a test polls for something the page should show: a bound, not a wait (a passing poll returns as soon as
 * it holds). Generous because two test files run at once on a loaded 2-core machine.
 */
export const POLL = { timeout: 30_000, interval: 100 } as const;

export const PHONE = { width: 375, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

export interface Actor {
  name: string;
  context: BrowserContext;
  page: Page;
  /** Console lines that mention a missing translation key. */
  missingKeys: string[];
  /** Uncaught page errors. */
  errors: string[];
}

export async function newActor(
  browser: Browser,
  name: string,
  options: { viewport?: { width: number; height: number }; locale?: string; timezoneId?: string; baseURL: string },
): Promise<Actor> {
  const context = await browser.newContext({
    viewport: options.viewport ?? DESKTOP,
    locale: options.locale ?? 'en-US',
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    baseURL: options.baseURL,
    permissions: ['clipboard-read', 'clipboard-write'],
    ...(options.viewport && options.viewport.width < 500 ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  const actor: Actor = { name, context, page, missingKeys: [], errors: [] };
  page.on('console', (msg) => {
    if (msg.text().includes('i18n missing key')) actor.missingKeys.push(msg.text());
  });
  page.on('pageerror', (err) => actor.errors.push(err.message));
  return actor;
}

/**
 * Runs axe-core on the page; returns serious and critical violations (empty is good). Every rule of the tags runs
 * on the whole page, as before; two options only cut what it costs (a scan of a room in a call took 6-12 s, now
 * 2-4 s, and the suite runs about 130): legacy mode runs `axe.run` in the page itself (our pages have no
 * cross-origin frames) instead of `runPartial` per frame plus `finishRun` in a new blank page opened for every
 * scan, and only violations come back with their nodes (not the hundreds of passing ones).
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode()
    .options({ resultTypes: ['violations'] })
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/** Saves a screenshot under test-results/ (for people to look at). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync('test-results/screens', { recursive: true });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/**
 * Picks a language from the page's switcher and waits until the page is in it. Pressed again if the first press
 * did not take: a press that lands while the page swaps its header (the join page handing over to the partner's
 * page) is cancelled by react-aria, as a person's would be, and the person presses again.
 */
export async function chooseLanguage(page: Page, lang: 'en' | 'es'): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.locator(`.language-switcher [lang=${lang}]`).click();
    try {
      await page.locator(`html[lang=${lang}]`).waitFor({ timeout: attempt < 3 ? 5_000 : 30_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/** The visible text of a native `<select>`'s chosen option. */
export async function selectedLabel(select: Locator): Promise<string> {
  return select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text ?? '');
}
