/**
 * Screenshots for people to look at (not a test): private drafting — a partner's drafts, the partner's
 * confirmation when the therapist asks to reveal, and the therapist's drafting view — at 375, 412, 1280 and 1920
 * wide, in English and Spanish. Run after `npm run build`: `npx tsx e2e/src/shots/draftsShots.ts [outDir]`
 * (default /tmp/shots-drafts).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { everyoneInTheRoom, jointSession } from '../scenario.js';
import { runShots, SHOT_LANGUAGES, SHOT_SIZES, storeLanguage, type ShotLanguage } from './shoot.js';

const outDir = process.argv[2] ?? '/tmp/shots-drafts';

async function inLanguage(page: Page, language: ShotLanguage) {
  await storeLanguage(page, language);
  await page.locator('.pause-call-group .btn-pause').first().waitFor();
}

/** On a phone the private space (the therapist's panel) is its own tab. */
async function showPanel(page: Page) {
  const tab = page.getByRole('tab', { name: /^(Private|Privado|Panel)/ });
  if (await tab.isVisible()) await tab.click();
}

runShots(outDir, async ({ app, browser }) => {
  const s = await jointSession(app, browser);
  await everyoneInTheRoom(s);
  const sam = s.sam.page;
  const t = s.therapist.page;
  await t.getByRole('button', { name: 'Open a drafting round' }).click();
  await showPanel(sam);
  const drafting = sam.locator('[data-testid=partner-drafting]');
  await drafting.getByLabel('Words on the card').fill('When you look at your phone while I talk');
  await drafting.getByRole('button', { name: 'Add draft' }).click();
  await drafting.getByRole('radio', { name: 'What I felt underneath' }).click();
  await drafting.getByLabel('Words on the card').fill('Alone, like I don’t matter');
  await drafting.getByRole('button', { name: 'Add draft' }).click();
  await drafting.locator('.draft-item').nth(1).waitFor();
  for (const language of SHOT_LANGUAGES) {
    await inLanguage(sam, language);
    await inLanguage(t, language);
    for (const size of SHOT_SIZES) {
      const name = (what: string) => path.join(outDir, `${what}-${size.width}-${language}.png`);
      await sam.setViewportSize(size);
      await t.setViewportSize(size);
      await showPanel(sam);
      await showPanel(t);
      await drafting.waitFor();
      await drafting.getByRole('radio').first().click();
      await drafting.getByRole('textbox').fill(language === 'en' ? 'I go quiet' : 'Me quedo en silencio');
      await sam.waitForTimeout(300); // a screenshot tool: let the layout settle for the picture
      await sam.screenshot({ path: name('partner-drafting'), animations: 'disabled' });

      const view = t.locator('[data-testid=therapist-drafting]');
      await view
        .locator('.drafting-partner')
        .nth(1)
        .getByRole('button', { name: /^(Reveal all|Mostrar todas)/ })
        .click();
      const dialog = sam.getByRole('alertdialog');
      await dialog.waitFor();
      await sam.waitForTimeout(300);
      await sam.screenshot({ path: name('partner-confirm'), animations: 'disabled' });
      await view.scrollIntoViewIfNeeded();
      await t.waitForTimeout(300);
      await t.screenshot({ path: name('therapist-drafting'), animations: 'disabled' });
      await dialog.getByRole('button', { name: /^(No, keep them private|No, mantenerlas en privado)$/ }).click();
      await dialog.waitFor({ state: 'detached' });
      console.log(`saved ${size.width} ${language}`);
    }
  }
});
