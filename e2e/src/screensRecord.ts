/**
 * A screenshot tool, not a test: the session record (with its Download PDF button), the progress note (draft and
 * signed) and the account's practice name at 375, 412, 1280 and 1920 px, in English and Spanish, full page, into
 * SHOTS_DIR (default /tmp/shots-record), and the record's PDF in both languages beside them. Run after
 * `npm run build`:  npx tsx e2e/src/screensRecord.ts
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { everyoneInTheRoom, jointSession } from './scenario.js';
import { runShots, SHOT_LANGUAGES, shootSizes, switchLanguage } from './shots/shoot.js';

const DIR = process.env['SHOTS_DIR'] ?? '/tmp/shots-record';

const shoot = (page: Page, name: string) => shootSizes(page, DIR, name, { fullPage: true });

runShots(DIR, async ({ app, browser }) => {
  const s = await jointSession(app, browser);
  await everyoneInTheRoom(s);
  const t = s.therapist.page;
  await t.getByRole('button', { name: 'Insert template' }).click();
  await t.locator('.room-workspace').getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
  // Alex's tab reloads: a drop and a rejoin on the record.
  await s.alex.page.reload();
  await s.alex.page.getByRole('heading', { name: 'Shared workspace' }).waitFor();
  await t.getByRole('button', { name: 'End session' }).click();
  await t.getByRole('alertdialog').getByRole('button', { name: 'End session' }).click();
  await t.getByRole('link', { name: 'Open the session record' }).click();
  await t.getByRole('img', { name: /conflict-cycle map/ }).waitFor();
  for (const lang of SHOT_LANGUAGES) {
    await switchLanguage(t, lang);
    await shoot(t, `record-${lang}`);
  }
  await switchLanguage(t, 'en');
  await t.getByRole('link', { name: 'Progress note' }).click();
  await t.getByRole('textbox', { name: 'Attendance and length' }).waitFor();
  for (const lang of SHOT_LANGUAGES) {
    await switchLanguage(t, lang);
    await shoot(t, `note-draft-${lang}`);
  }
  await switchLanguage(t, 'en');
  const alex = t.locator('fieldset[data-partner=a]');
  const sam = t.locator('fieldset[data-partner=b]');
  await alex.getByRole('textbox', { name: 'Presentation' }).fill('Calm, engaged; named the pursue pattern.');
  await alex.getByRole('radio', { name: 'None' }).check();
  await sam.getByRole('textbox', { name: 'Presentation' }).fill('Tearful at first, «me cuesta hablar».');
  await sam.getByRole('radio', { name: 'Low' }).check();
  await t.getByRole('textbox', { name: 'Plan' }).fill('Practise the pause twice before next week.');
  await t.getByRole('button', { name: 'Sign the note' }).click();
  await t.getByRole('alertdialog').getByRole('button', { name: 'Sign', exact: true }).click();
  await t.getByRole('textbox', { name: 'Addendum' }).fill('Sam later said the risk is none.');
  await t.getByRole('button', { name: 'Add addendum' }).click();
  await t.getByText('Addendum added.').waitFor();
  for (const lang of SHOT_LANGUAGES) {
    await switchLanguage(t, lang);
    await shoot(t, `note-signed-${lang}`);
  }
  // The practice's name, then the record's PDF in both languages (look at it with pdftoppm).
  await switchLanguage(t, 'en');
  await t.goto('/account');
  const practice = t.getByRole('textbox', { name: 'Practice name' });
  await practice.fill('Consulta Núñez — Terapia de pareja');
  await t.getByRole('button', { name: 'Save practice name' }).click();
  await t.getByText('Practice name saved.').waitFor();
  for (const lang of SHOT_LANGUAGES) {
    await switchLanguage(t, lang);
    await shoot(t, `account-${lang}`);
  }
  await switchLanguage(t, 'en');
  await t.goto(`/sessions/${s.session.session.id}/record`);
  for (const lang of SHOT_LANGUAGES) {
    await switchLanguage(t, lang);
    const [download] = await Promise.all([
      t.waitForEvent('download'),
      t.getByRole('button', { name: lang === 'en' ? 'Download PDF' : 'Descargar PDF' }).click(),
    ]);
    await download.saveAs(join(DIR, `record-${lang}.pdf`));
  }
  await switchLanguage(t, 'en');
  // The couple's page: the ended session's Record link beside its notes.
  await t.goto(`/couples/${s.couple.id}`);
  await t.locator(`[data-session-id="${s.session.session.id}"]`).waitFor();
  await shoot(t, 'couple-es');
});
