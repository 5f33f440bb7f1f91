/**
 * Screenshots for people to look at (not a test): sign-in security. The security settings while enrolling (QR code
 * and setup key) and once enrolled, the sign-in's code step, the signed-in devices and the audit log, at 375, 412,
 * 1280 and 1920 wide, in English and Spanish. Run after `npm run build`:
 * `npx tsx e2e/src/shots/securityShots.ts [outDir]` (default /tmp/shots-security).
 */
import { generate } from 'otplib';
import type { BrowserContext } from 'playwright-core';
import type { RunningApp } from '../app.js';
import { newActor } from '../browser.js';
import { api, jointSession } from '../scenario.js';
import { SHOT_LANGUAGES, runShots, shootSizes, storeLanguage } from './shoot.js';

const outDir = process.argv[2] ?? '/tmp/shots-security';
const EMAIL = 'rivera@example.org';
const PASSWORD = 'correct horse battery';
const AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
];

const cookieOf = (setCookie: string[]) =>
  (setCookie.find((c) => c.startsWith('tandem_session=')) ?? '').split(';')[0] ?? '';
const code = (secret: string, ahead = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + ahead });

/** Signs in over the API with a given user agent; returns the cookie (`name=value`). */
async function signInAs(app: RunningApp, userAgent: string): Promise<string> {
  const res = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { origin: app.url, 'content-type': 'application/json', 'user-agent': userAgent },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  return cookieOf(res.headers.getSetCookie());
}

async function useCookie(context: BrowserContext, app: RunningApp, cookie: string): Promise<void> {
  const [name = '', value = ''] = cookie.split('=');
  await context.addCookies([{ name, value, url: app.url }]);
}

runShots(outDir, async ({ app, browser, dir }) => {
  // The therapist, a couple Alex & Sam and a session: something for the audit log.
  const { therapistCookie: tc } = await jointSession(app, browser);
  for (const ua of AGENTS) await signInAs(app, ua);

  for (const lang of SHOT_LANGUAGES) {
    const actor = await newActor(browser, `therapist-${lang}`, { baseURL: app.url });
    const { page, context } = actor;
    await useCookie(context, app, tc);
    await page.goto('/account/security');
    await storeLanguage(page, lang);
    await page.locator('[data-testid=totp-state]').waitFor();
    await page.locator('.totp-recovery, section[aria-labelledby=totp-heading] .btn-primary').first().click();
    await page.locator('img.totp-qr').waitFor();
    await shootSizes(page, dir, `security-enrol-${lang}`, { fullPage: true });
    const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret')) ?? '';
    await page.locator('input[name=totpCode]').fill(await code(secret));
    await page.locator('.totp-setup button[type=submit]').click();
    await page.getByTestId('recovery-codes').waitFor();
    await shootSizes(page, dir, `security-recovery-${lang}`, { fullPage: true });
    const recovery = (await page.getByTestId('recovery-codes').locator('code').first().textContent()) ?? '';
    await page.locator('.totp-recovery .btn-primary').click();
    await page.locator('[data-testid=totp-state]').waitFor();
    await shootSizes(page, dir, `security-enrolled-${lang}`, { fullPage: true });

    // The code step, on a device that has given its password.
    const held = await newActor(browser, `held-${lang}`, { baseURL: app.url });
    await useCookie(held.context, app, await signInAs(app, AGENTS[1] ?? ''));
    await held.page.goto('/login');
    await storeLanguage(held.page, lang);
    await held.page.locator('input[name=code]').waitFor();
    await shootSizes(held.page, dir, `signin-code-${lang}`);
    await held.page.locator('input[name=code]').fill(await code(secret, 30));
    await held.page.locator('button[type=submit]').click();
    await held.page.waitForURL((url) => url.pathname === '/');
    await held.context.close();

    await page.goto('/account/devices');
    await page.locator('.device-list li').first().waitFor();
    await shootSizes(page, dir, `devices-${lang}`, { fullPage: true });
    await page.goto('/audit');
    await page.locator('table.audit-table').waitFor();
    await shootSizes(page, dir, `audit-${lang}`);

    // Back to no second factor (with a recovery code: this step's app code is spent), so the next language enrols.
    await api(app, 'POST', '/account/security/totp/disable', { password: PASSWORD, code: recovery }, tc);
    await context.close();
  }
});
