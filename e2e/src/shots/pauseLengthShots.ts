/**
 * Screenshots for people to look at (not a test): the pause button and its length menu, closed and open, in the room's
 * top bar (a partner's phone at 375 and 412, the therapist's laptop at 1280 and 1920), in English and Spanish.
 * Run after `npm run build`: `npx tsx e2e/src/shots/pauseLengthShots.ts [outDir]` (default /tmp/shots-pause-length).
 */
import path from 'node:path';
import { roomWithAlexAt } from './roomAt.js';
import { runShots, SHOT_LANGUAGES, SHOT_SIZES } from './shoot.js';

const outDir = process.argv[2] ?? '/tmp/shots-pause-length';

runShots(outDir, async ({ app, browser }) => {
  for (const language of SHOT_LANGUAGES) {
    for (const viewport of SHOT_SIZES) {
      const s = await roomWithAlexAt(app, browser, viewport);
      // On a phone the partner's top bar; on a laptop the therapist's.
      const actor = viewport.width < 500 ? s.alex : s.therapist;
      await actor.page.setViewportSize(viewport);
      await actor.page.evaluate((lang) => sessionStorage.setItem('tandem.language', lang), language);
      await actor.page.reload();
      const chevron = actor.page.locator('.pause-call-group .pause-length');
      await chevron.waitFor();
      const name = (what: string) => path.join(outDir, `${what}-${viewport.width}-${language}.png`);
      await actor.page.screenshot({ path: name('pause-length-closed') });
      await chevron.press('Enter');
      await actor.page.getByRole('dialog', { name: /^(Pause length|Duración de la pausa)$/ }).waitFor();
      await actor.page.screenshot({ path: name('pause-length-open') });
      for (const a of [s.therapist, s.alex, s.sam]) await a.context.close();
      console.log(`saved ${viewport.width} ${language}`);
    }
  }
});
