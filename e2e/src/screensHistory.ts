/**
 * A screenshot tool, not a test: the couple's history (two sessions' maps compared, the sessions) at 375, 412,
 * 1280 and 1920 px, in English and Spanish, full page, into SHOTS_DIR (default /tmp/shots-history). Run after
 * `npm run build`:  npx tsx e2e/src/screensHistory.ts
 */
import { twoEndedSessions } from './historyMaps.js';
import { jointSession } from './scenario.js';
import { runShots, SHOT_LANGUAGES, shootSizes, switchLanguage } from './shots/shoot.js';

runShots(process.env['SHOTS_DIR'] ?? '/tmp/shots-history', async ({ app, browser, dir }) => {
  const s = await jointSession(app, browser);
  await twoEndedSessions(app, s);
  const t = s.therapist.page;
  await t.goto(`/couples/${s.couple.id}/history`);
  await t.locator('[data-history-side=to]').getByRole('img').waitFor();
  for (const lang of SHOT_LANGUAGES) {
    await switchLanguage(t, lang);
    await shootSizes(t, dir, `history-${lang}`, { fullPage: true });
  }
});
