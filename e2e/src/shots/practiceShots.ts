/**
 * Screenshots for people to look at (not a test): the People page (the owner, a clinician, an admin who is also
 * a clinician, an open invite and a fresh link) and the invite sign-up page, at 375, 412, 1280 and 1920 wide, in
 * English and Spanish. Run after `npm run build`: `npx tsx e2e/src/shots/practiceShots.ts [outDir]`
 * (default /tmp/shots-practice).
 */
import type { CreatedStaffInviteDto } from '@tandem/shared';
import { newActor } from '../browser.js';
import { api, jointSession } from '../scenario.js';
import { SHOT_LANGUAGES, runShots, shootSizes, storeLanguage } from './shoot.js';

const outDir = process.argv[2] ?? '/tmp/shots-practice';

runShots(outDir, async ({ app, browser, dir }) => {
  const { therapistCookie: cookie } = await jointSession(app, browser);
  const settings = { name: 'Riverside Couples Practice', timeZone: 'Europe/Madrid', language: 'en' };
  await api(app, 'PUT', '/practice/settings', { ...settings, defaultPolicy: 'no-secrets', noteFormat: null }, cookie);
  const invite = (email: string, role: 'admin' | 'clinician', language: 'en' | 'es', clinical?: boolean) =>
    api<CreatedStaffInviteDto>(app, 'POST', '/practice/invites', { email, role, language, clinical }, cookie);
  for (const [email, role, clinical] of [
    ['bea.morales@example.org', 'clinician', undefined],
    ['ada.lovelace-byron@example.org', 'admin', true],
  ] as const) {
    const { data } = await invite(email, role, 'en', clinical);
    const token = data.url.split('#')[1] ?? '';
    await api(app, 'POST', '/practice/invites/accept', {
      token,
      name: email.split('@')[0]?.replace('.', ' ') ?? email,
      password: 'plum orbit lantern 42',
    });
  }
  await invite('carlos@example.org', 'clinician', 'es');

  for (const lang of SHOT_LANGUAGES) {
    const owner = await newActor(browser, `owner-${lang}`, { baseURL: app.url });
    const [name = '', value = ''] = cookie.split('=');
    await owner.context.addCookies([{ name, value, url: app.url }]);
    await owner.page.goto('/people');
    await storeLanguage(owner.page, lang);
    await owner.page.locator('li[data-email="bea.morales@example.org"]').waitFor();
    await shootSizes(owner.page, dir, `people-${lang}`, { fullPage: true });

    const { data } = await invite(`new-${lang}@example.org`, 'clinician', lang);
    const newcomer = await newActor(browser, `newcomer-${lang}`, { baseURL: app.url });
    await newcomer.page.goto(data.url);
    await newcomer.page.locator(`html[lang=${lang}]`).waitFor();
    await newcomer.page.locator('form').waitFor();
    await shootSizes(newcomer.page, dir, `welcome-${lang}`, { fullPage: true });
  }
});
