/**
 * A screenshot tool, not a test: a partner's check-in and check-out card, and the therapist's side-by-side view,
 * at 375, 412, 1280 and 1920 px, in English and Spanish, into SHOTS_DIR (default /tmp/shots-measures). Run after
 * `npm run build`:  npx tsx e2e/src/screensMeasures.ts
 */
import type { Page } from 'playwright-core';
import { everyoneInTheRoom, jointSession } from './scenario.js';
import { runShots, SHOT_LANGUAGES, shootSizes, storeLanguage } from './shots/shoot.js';

const DIR = process.env['SHOTS_DIR'] ?? '/tmp/shots-measures';
const shoot = (page: Page, name: string, before?: (width: number) => Promise<void>) =>
  shootSizes(page, DIR, name, { before });

runShots(DIR, async ({ app, browser }) => {
  const s = await jointSession(app, browser);
  await everyoneInTheRoom(s);
  const t = s.therapist.page;
  const alex = s.alex.page;
  const sam = s.sam.page;

  // Sam answers the check-in; Alex's card is shot half filled, then sent.
  const samCard = sam.getByRole('dialog', { name: 'Check-in' });
  await samCard.getByRole('radio', { name: '4', exact: true }).click();
  await samCard.getByRole('textbox').fill('We argued about the holidays, then talked it through on Sunday.');
  await samCard.getByRole('button', { name: 'Send' }).click();
  for (const lang of SHOT_LANGUAGES) {
    await storeLanguage(alex, lang);
    const card = alex.getByRole('dialog');
    await card.getByRole('radio', { name: '7', exact: true }).click();
    await card.getByRole('textbox').fill(lang === 'en' ? 'A calmer week.' : 'Una semana más tranquila.');
    await shoot(alex, `partner-checkin-${lang}`);
  }
  await alex.getByRole('dialog').getByRole('button').last().click();

  // The therapist opens the check-out; the partners' cards.
  const openPanel = async (width: number) => {
    if (width < 700) await t.getByRole('tab', { name: /Panel/ }).click();
  };
  await t.getByRole('button', { name: 'Open the check-out' }).click();
  for (const lang of SHOT_LANGUAGES) {
    await storeLanguage(alex, lang);
    const card = alex.getByRole('dialog');
    const groups = card.getByRole('radiogroup');
    await groups.nth(0).getByRole('radio', { name: '8', exact: true }).click();
    await groups.nth(1).getByRole('radio', { name: '6', exact: true }).click();
    await shoot(alex, `partner-checkout-${lang}`);
  }
  await alex.getByRole('dialog').getByRole('button').last().click();
  const samOut = sam.getByRole('dialog', { name: 'Check-out' });
  for (const [i, v] of [
    [0, '9'],
    [1, '7'],
    [2, '8'],
  ] as const) {
    await samOut.getByRole('radiogroup').nth(i).getByRole('radio', { name: v, exact: true }).click();
  }
  await samOut.getByRole('button', { name: 'Send' }).click();
  await t.locator('[data-instrument="tandem.check-out"] tr.measure-total').waitFor();
  for (const lang of SHOT_LANGUAGES) {
    await storeLanguage(t, lang);
    await t.locator('.measures-panel').waitFor({ state: 'attached' });
    await shoot(t, `therapist-measures-${lang}`, openPanel);
  }
  // The record's section and the note's suggested presentations, after the end.
  await storeLanguage(t, 'en');
  await t.getByRole('button', { name: 'End session' }).click();
  await t.getByRole('alertdialog').getByRole('button', { name: 'End session' }).click();
  await t.getByRole('link', { name: 'Open the session record' }).click();
  await t.locator('[data-record-section=measures] table').first().waitFor();
  for (const lang of SHOT_LANGUAGES) {
    await storeLanguage(t, lang);
    await t.locator('[data-record-section=measures]').scrollIntoViewIfNeeded();
    await shoot(t, `record-measures-${lang}`, () =>
      t.locator('[data-record-section=measures]').scrollIntoViewIfNeeded(),
    );
  }
  await storeLanguage(t, 'en');
  await t.getByRole('link', { name: 'Progress note' }).click();
  await t.locator('fieldset[data-partner=a]').getByRole('textbox', { name: 'Presentation' }).waitFor();
  await shoot(t, 'note-presentations-en', () => t.locator('fieldset[data-partner=a]').scrollIntoViewIfNeeded());
});
