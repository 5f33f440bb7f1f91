/**
 * Screenshots for people to look at (not a test): the stop-signal control beside the quick exit in a partner's
 * pause card and check-in card, and the therapist's alert over the pause with their own Pause/End controls, at 375,
 * 412, 1280 and 1920 wide (and the alert over the therapist's room), in English and Spanish. Run after `npm run build`:
 * `npx tsx e2e/src/shots/stopOverlayShots.ts [outDir]` (default /tmp/shots-stop-overlay).
 */
import path from 'node:path';
import { everyoneInTheRoom, jointSession } from '../scenario.js';
import { runShots, SHOT_LANGUAGES, SHOT_SIZES, storeLanguage } from './shoot.js';

const outDir = process.argv[2] ?? '/tmp/shots-stop-overlay';

runShots(outDir, async ({ app, browser }) => {
  const s = await jointSession(app, browser);
  await everyoneInTheRoom(s);
  const alex = s.alex.page;
  const t = s.therapist.page;
  for (const language of SHOT_LANGUAGES) {
    await storeLanguage(alex, language);
    await storeLanguage(t, language);
    await t.locator('.pause-call-group .btn-pause').first().waitFor();
    for (const size of SHOT_SIZES) {
      const name = (what: string) => path.join(outDir, `${what}-${size.width}-${language}.png`);
      await alex.setViewportSize(size);
      await t.setViewportSize(size);
      // The check-in card, opened from the partner's own panel (a tab of its own on a phone).
      const privateTab = alex.locator('[role="tab"][aria-controls$="private"]');
      if (await privateTab.isVisible()) await privateTab.click();
      const answer = alex.locator('.measures-partner').getByRole('button').first();
      if (await answer.isVisible()) {
        await answer.click();
        await alex.locator('.measure-card .stop-signal-dock, .measure-modal .stop-signal-dock').first().waitFor();
        await alex.waitForTimeout(300); // a screenshot tool: let the layout settle for the picture
        await alex.screenshot({ path: name('checkin-stop') });
        await alex.locator('.measure-card').getByRole('button').last().click();
        await alex.locator('.measure-card').waitFor({ state: 'detached' });
      }
      // The alert over the therapist's room: their Pause and End controls stay in view and usable.
      // Sam sends this one: a partner may send 10 signals a minute, and Alex sends one in each pause below.
      await s.sam.page.keyboard.press('Alt+Shift+KeyY');
      await t.locator('.region-alert').first().waitFor();
      await t.waitForTimeout(300);
      await t.screenshot({ path: name('therapist-alert-room') });
      await t
        .locator('.region-alert')
        .first()
        .getByRole('button', { name: /Dismiss|Descartar|Cerrar/ })
        .click();
      await t.locator('.region-alert').waitFor({ state: 'detached' });
      await t.locator('.pause-call-group .btn-pause').first().click();
      await alex.locator('.pause-modal .stop-signal-dock').waitFor();
      await alex.waitForTimeout(600);
      await alex.screenshot({ path: name('pause-stop') });
      await alex.locator('.pause-modal .stop-signal-button').click();
      await t.locator('.region-alert').first().waitFor();
      await t.waitForTimeout(300);
      await t.screenshot({ path: name('therapist-alert-pause') });
      await t
        .locator('.region-alert')
        .first()
        .getByRole('button', { name: /Dismiss|Descartar|Cerrar/ })
        .click();
      await t.locator('.region-alert').waitFor({ state: 'detached' });
      await t.locator('.pause-card .btn-primary').click();
      await t.locator('.pause-card').waitFor({ state: 'detached' });
      console.log(`saved ${size.width} ${language}`);
    }
  }
});
