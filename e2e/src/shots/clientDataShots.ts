/**
 * Screenshots for people to look at (not a test): the client's data. The couple page's export and delete controls
 * (and the partner deletion's confirmation), the practice's retention and reset-link settings, "Forgot password"
 * and the reset page, at 375, 412, 1280 and 1920 wide, in English and Spanish. Run after `npm run build`:
 * `npx tsx e2e/src/shots/clientDataShots.ts [outDir]` (default /tmp/shots-client-data).
 */
import type { ResetLinkDto } from '@tandem/shared';
import { newActor } from '../browser.js';
import { api, jointSession } from '../scenario.js';
import { SHOT_LANGUAGES, runShots, shootSizes, storeLanguage } from './shoot.js';

const outDir = process.argv[2] ?? '/tmp/shots-client-data';

runShots(outDir, async ({ app, browser, dir }) => {
  const { therapistCookie: cookie, couple } = await jointSession(app, browser);
  await api(app, 'PUT', '/practice/retention', { years: 7 }, cookie);
  const [name = '', value = ''] = cookie.split('=');

  for (const lang of SHOT_LANGUAGES) {
    const { page, context } = await newActor(browser, `therapist-${lang}`, { baseURL: app.url });
    await context.addCookies([{ name, value, url: app.url }]);
    await page.goto(`/couples/${couple.id}`);
    await storeLanguage(page, lang);
    const section = page.getByTestId('client-data');
    await section.waitFor();
    await shootSizes(page, dir, `couple-data-${lang}`, { before: () => section.scrollIntoViewIfNeeded() });
    await section.locator('.client-data-row').first().locator('.btn-danger-quiet').click();
    await page.getByRole('alertdialog').waitFor();
    await page.getByRole('alertdialog').locator('input').fill('Al');
    await shootSizes(page, dir, `couple-delete-partner-${lang}`);
    await page.keyboard.press('Escape');

    await page.goto('/account/data');
    await page.getByTestId('retention').locator('select').waitFor();
    await page.getByTestId('reset-links').locator('.btn').first().click();
    await page.locator('.invite-link input').waitFor();
    await shootSizes(page, dir, `practice-data-${lang}`, { fullPage: true });

    const anon = await newActor(browser, `anon-${lang}`, { baseURL: app.url });
    await anon.page.goto('/login');
    await storeLanguage(anon.page, lang);
    await anon.page.locator('a[href="/forgot-password"]').waitFor();
    await shootSizes(anon.page, dir, `login-forgot-${lang}`);
    await anon.page.locator('a[href="/forgot-password"]').click();
    await anon.page.locator('input[name=email]').waitFor();
    await shootSizes(anon.page, dir, `forgot-${lang}`);
    await anon.page.locator('input[name=email]').fill('rivera@example.org');
    await anon.page.locator('button[type=submit]').click();
    await anon.page.getByTestId('forgot-answer').waitFor();
    await shootSizes(anon.page, dir, `forgot-sent-${lang}`);

    const accounts = await api<{ id: string }[]>(app, 'GET', '/practice/accounts', undefined, cookie);
    const link = await api<ResetLinkDto>(
      app,
      'POST',
      `/practice/accounts/${accounts.data[0]!.id}/reset-link`,
      undefined,
      cookie,
    );
    await anon.page.goto(link.data.url);
    await anon.page.locator('input[name=newPassword]').waitFor();
    await anon.page.locator('input[name=newPassword]').fill('short');
    await shootSizes(anon.page, dir, `reset-${lang}`);
    await anon.context.close();
    await context.close();
  }
});
