/**
 * A therapist's own account, in the browser: change the password (this device stays signed in, the other is
 * signed out) and sign out everywhere, by keyboard-friendly forms with announced results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { E2E_SETUP_TOKEN, startApp, type RunningApp } from './app.js';
import { launchChromium, newActor, seriousA11yViolations, type Actor } from './browser.js';
import { api } from './scenario.js';

const EMAIL = 'rivera@example.org';
const OLD = 'correct horse battery';
const NEW = 'lantern orbit pickle meadow';

describe('the account page', () => {
  let app: RunningApp;
  let browser: Browser;
  let laptop: Actor;
  let phone: Actor;

  const signIn = async (actor: Actor, password: string) => {
    await actor.page.goto('/login');
    await actor.page.getByLabel('Email').fill(EMAIL);
    await actor.page.getByLabel('Password', { exact: true }).fill(password);
    await actor.page.getByRole('button', { name: 'Sign in' }).click();
    await actor.page.getByRole('link', { name: 'Account' }).waitFor();
  };

  beforeAll(async () => {
    app = await startApp();
    await api(app, 'POST', '/setup', { name: 'Dr Rivera', email: EMAIL, password: OLD, setupToken: E2E_SETUP_TOKEN });
    browser = await launchChromium();
    laptop = await newActor(browser, 'laptop', { baseURL: app.url });
    phone = await newActor(browser, 'phone', { baseURL: app.url });
    await signIn(laptop, OLD);
    await signIn(phone, OLD);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('changes the password: a weak one is refused with its reason, this device stays, the other is signed out', async () => {
    const { page } = laptop;
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The scan does find what it should (the same options every e2e scan uses): a nameless button and an image
    // without alternative text, put in for a moment.
    await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.id = 'a11y-probe';
      probe.innerHTML = '<button type="button"></button><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">';
      document.querySelector('main')?.append(probe);
    });
    const found = await seriousA11yViolations(page);
    expect(found.some((v) => v.startsWith('button-name'))).toBe(true);
    expect(found.some((v) => v.startsWith('image-alt'))).toBe(true);
    await page.evaluate(() => document.getElementById('a11y-probe')?.remove());

    // A blocked submit lists what to fix in one alert, besides each field's own message.
    await page.getByRole('button', { name: 'Change password' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Please check these fields' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Current password');

    await page.getByLabel('Current password').fill(OLD);
    await page.getByLabel('New password', { exact: true }).fill('password1234');
    await page.getByLabel('Repeat the new password').fill('password1234');
    await page.getByRole('status').filter({ hasText: 'common password' }).waitFor();
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').filter({ hasText: 'too easy to guess' }).waitFor();

    await page.getByLabel('New password', { exact: true }).fill(NEW);
    await page.getByLabel('Repeat the new password').fill(NEW);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();

    await phone.page.reload();
    await phone.page.waitForURL('**/login');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  });

  it('signs out everywhere after a confirmation', async () => {
    await signIn(phone, NEW);
    const { page } = laptop;
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Sign out on every device?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.waitForURL('**/login');
    await phone.page.reload();
    await phone.page.waitForURL('**/login');
  });
});
