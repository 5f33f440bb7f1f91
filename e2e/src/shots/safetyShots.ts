/**
 * Screenshots for people to look at (not a test): the pause card with the partner's quick exit, and the
 * therapist's alert over the pause (and the room before it), at 375 and 1280 wide, in English and Spanish.
 * Run after `npm run build`: `npx tsx e2e/src/shots/safetyShots.ts [outDir]` (default /tmp/shots-safety).
 */
import fs from 'node:fs';
import path from 'node:path';
import { startApp } from '../app.js';
import { launchChromium, newActor } from '../browser.js';
import { everyoneInTheRoom, jointSession } from '../scenario.js';

const outDir = process.argv[2] ?? '/tmp/shots-safety';
const WIDTHS = [
  { width: 375, height: 667 },
  { width: 1280, height: 800 },
] as const;

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const app = await startApp();
  const browser = await launchChromium();
  try {
    for (const language of ['en', 'es'] as const) {
      for (const viewport of WIDTHS) {
        const s = await jointSession(app, browser);
        const token = s.therapistCookie.split('=')[1] ?? '';
        for (const actor of [s.therapist, s.alex]) await actor.context.close();
        // The therapist admits from the side panel on a laptop, then looks at the room at this width.
        s.therapist = await newActor(browser, 'therapist', { baseURL: app.url });
        await s.therapist.context.addCookies([{ name: 'tandem_session', value: token, url: app.url }]);
        s.alex = await newActor(browser, 'alex', { baseURL: app.url, viewport });
        await everyoneInTheRoom(s);
        await s.therapist.page.setViewportSize(viewport);
        for (const actor of [s.therapist, s.alex]) {
          await actor.page.evaluate((lang) => sessionStorage.setItem('tandem.language', lang), language);
          await actor.page.reload();
          await actor.page.locator('.pause-call-group .btn-pause').first().waitFor();
        }
        const name = (what: string) => path.join(outDir, `${what}-${viewport.width}-${language}.png`);
        await s.alex.page.screenshot({ path: name('room-quick-exit') });
        await s.therapist.page.locator('.pause-call-group .btn-pause').first().click();
        for (const actor of [s.therapist, s.alex]) await actor.page.locator('.pause-card').waitFor();
        // Let the breathing animation and fonts settle for a calm picture.
        await s.alex.page.waitForTimeout(600);
        await s.alex.page.screenshot({ path: name('pause-quick-exit') });
        await s.alex.page.locator('.quick-exit').click();
        await s.alex.page.waitForURL('**/neutral.html');
        await s.therapist.page.locator('.region-alert').waitFor();
        await s.therapist.page.waitForTimeout(300);
        await s.therapist.page.screenshot({ path: name('alert-over-pause') });
        for (const actor of [s.therapist, s.alex, s.sam]) await actor.context.close();
        console.log(`saved ${viewport.width} ${language}`);
      }
    }
  } finally {
    await browser.close();
    await app.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
