/**
 * Screenshots for people to look at (not a test): the pause card with the partner's quick exit, and the
 * therapist's alert over the pause (and the room before it), at 375, 412, 1280 and 1920 wide, in English and Spanish.
 * Run after `npm run build`: `npx tsx e2e/src/shots/safetyShots.ts [outDir]` (default /tmp/shots-safety).
 */
import path from 'node:path';
import { roomWithAlexAt } from './roomAt.js';
import { runShots, SHOT_LANGUAGES, SHOT_SIZES } from './shoot.js';

const outDir = process.argv[2] ?? '/tmp/shots-safety';

runShots(outDir, async ({ app, browser }) => {
  for (const language of SHOT_LANGUAGES) {
    for (const viewport of SHOT_SIZES) {
      const s = await roomWithAlexAt(app, browser, viewport);
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
});
