/**
 * Screenshots for people to look at (not a test): the therapist picks the practice's own instrument for the
 * check-in in the room's panel, and a partner's card shows its questions, at 375, 412, 1280 and 1920 wide, in
 * English and Spanish. Run after `npm run build`: `npx tsx e2e/src/shots/instrumentChoiceShots.ts [outDir]`
 * (default /tmp/shots-instrument-choice).
 */
import path from 'node:path';
import { api, everyoneInTheRoom, jointSession } from '../scenario.js';
import { runShots, SHOT_LANGUAGES, SHOT_SIZES, storeLanguage } from './shoot.js';

const outDir = process.argv[2] ?? '/tmp/shots-instrument-choice';

/** A made-up instrument (no licensed wording): three items on 0-4, the second reversed. */
const INSTRUMENT = {
  id: 'practice.session-fit',
  version: 1,
  name: { en: 'Session fit (practice)', es: 'Ajuste de la sesión (consulta)' },
  instructions: { en: 'Since we last met, how often…', es: 'Desde la última vez, con qué frecuencia…' },
  respondent: 'partner',
  occasions: ['check-in'],
  scales: {
    often: {
      min: 0,
      max: 4,
      anchors: [
        { value: 0, label: { en: 'Never', es: 'Nunca' } },
        { value: 2, label: { en: 'Sometimes', es: 'A veces' } },
        { value: 4, label: { en: 'Always', es: 'Siempre' } },
      ],
    },
  },
  items: [
    { id: 'f1', kind: 'scale', scale: 'often', text: { en: 'we talked things through', es: 'hablamos las cosas' } },
    {
      id: 'f2',
      kind: 'scale',
      scale: 'often',
      reversed: true,
      text: { en: 'one of us shut down', es: 'una de las dos personas se cerró' },
    },
    {
      id: 'f3',
      kind: 'scale',
      scale: 'often',
      text: { en: 'we repaired after a fight', es: 'reparamos tras una pelea' },
    },
  ],
  scoring: { method: 'sum', maxMissing: 0 },
  range: { min: 0, max: 12 },
  cutoff: null,
  reliableChange: null,
  source: 'Written for these screenshots.',
};

runShots(outDir, async ({ app, browser }) => {
  const s = await jointSession(app, browser);
  await api(app, 'POST', '/instruments', INSTRUMENT, s.therapistCookie);
  await everyoneInTheRoom(s);
  const alex = s.alex.page;
  const t = s.therapist.page;
  // The therapist's choice first (once a partner answered, the questions no longer change and the choice goes).
  for (const language of SHOT_LANGUAGES) {
    await storeLanguage(t, language);
    for (const size of SHOT_SIZES) {
      await t.setViewportSize(size);
      await t.waitForTimeout(300); // a screenshot tool: let the layout switch (phone tabs or side panel)
      const panelTab = t.locator('button[data-tab="private"]');
      if (await panelTab.isVisible()) await panelTab.click();
      const occasion = t.locator('[data-occasion="check-in"]');
      const select = occasion.locator('select');
      await select.waitFor({ timeout: 5000 }).catch(async (err: unknown) => {
        await t.screenshot({ path: path.join(outDir, `debug-${size.width}.png`) });
        throw err;
      });
      if (size === SHOT_SIZES[0] && language === 'en') {
        await select.selectOption({ label: 'Session fit' });
      }
      await t.waitForTimeout(300); // a screenshot tool: let the layout settle for the picture
      await occasion.screenshot({ path: path.join(outDir, `therapist-checkin-choice-${size.width}-${language}.png`) });
    }
  }
  // Alex's card with the practice's questions (it opened by itself when the therapist switched them).
  for (const language of SHOT_LANGUAGES) {
    await storeLanguage(alex, language);
    for (const size of SHOT_SIZES) {
      await alex.setViewportSize(size);
      await alex.waitForTimeout(300);
      // After a reload the card opens again by itself (not answered yet); give it the moment it takes.
      await alex
        .locator('.measure-card')
        .waitFor({ timeout: 3000 })
        .catch(() => undefined);
      if (!(await alex.locator('.measure-card').isVisible())) {
        const privateTab = alex.locator('[role="tab"][aria-controls$="private"]');
        if (await privateTab.isVisible()) await privateTab.click();
        const answer = alex.locator('.measures-partner').getByRole('button').first();
        await answer.waitFor();
        await answer.click();
      }
      await alex
        .locator('.measure-card')
        .filter({ hasText: /Session fit|Ajuste/ })
        .waitFor();
      await alex.waitForTimeout(300);
      await alex.screenshot({ path: path.join(outDir, `partner-card-${size.width}-${language}.png`) });
      console.log(`saved ${size.width} ${language}`);
    }
  }
});
