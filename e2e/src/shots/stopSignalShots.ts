/**
 * Screenshots for people to look at (not a test): a partner's stop-signal control before and after sending (they
 * must look the same to an onlooker) and the therapist's alert, at 375, 412, 1280 and 1920 wide, in English and
 * Spanish. Run after `npm run build`: `npx tsx e2e/src/shots/stopSignalShots.ts [outDir]` (default
 * /tmp/shots-stop-signal).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { everyoneInTheRoom, jointSession } from '../scenario.js';
import { runShots, SHOT_LANGUAGES, SHOT_SIZES, storeLanguage, type ShotLanguage } from './shoot.js';

const outDir = process.argv[2] ?? '/tmp/shots-stop-signal';

async function inLanguage(page: Page, language: ShotLanguage) {
  await storeLanguage(page, language);
  await page.locator('.pause-call-group .btn-pause').first().waitFor();
}

runShots(outDir, async ({ app, browser }) => {
  const s = await jointSession(app, browser);
  await everyoneInTheRoom(s);
  const alex = s.alex.page;
  const t = s.therapist.page;
  for (const language of SHOT_LANGUAGES) {
    await inLanguage(alex, language);
    await inLanguage(t, language);
    for (const size of SHOT_SIZES) {
      const name = (what: string) => path.join(outDir, `${what}-${size.width}-${language}.png`);
      await alex.setViewportSize(size);
      await t.setViewportSize(size);
      // On a phone the private space is its own tab.
      const privateTab = alex.getByRole('tab', { name: /^(Private|Privado)/ });
      if (await privateTab.isVisible()) await privateTab.click();
      const control = alex.locator('.stop-signal-button');
      await control.waitFor();
      await alex.waitForTimeout(300); // a screenshot tool: let the layout settle for the picture
      await alex.screenshot({ path: name('partner-before'), animations: 'disabled' });
      await alex.keyboard.press('Alt+Shift+KeyY');
      await alex
        .locator('[data-stop-chord-status]')
        .filter({ hasText: /Sent|Enviado/ })
        .waitFor({ state: 'attached' });
      await alex.screenshot({ path: name('partner-after'), animations: 'disabled' });
      await t.locator('.region-alert').first().waitFor();
      await t.waitForTimeout(300);
      await t.screenshot({ path: name('therapist-alert') });
      await t
        .locator('.region-alert')
        .first()
        .getByRole('button', { name: /Dismiss|Descartar|Cerrar/ })
        .click();
      await t.locator('.region-alert').waitFor({ state: 'detached' });
      console.log(`saved ${size.width} ${language}`);
    }
  }
});
