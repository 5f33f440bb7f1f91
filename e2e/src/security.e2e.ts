/**
 * Two-step sign-in and the audit log, in the browser, by keyboard: the therapist sets up an authenticator app
 * (reading the setup key from the page and computing the code with the same library an app uses), signs out,
 * signs in with password then code, and reads and exports the audit log. Axe-clean at every step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { E2E_SETUP_TOKEN, startApp, type RunningApp } from './app.js';
import { launchChromium, newActor, seriousA11yViolations, type Actor } from './browser.js';
import { api } from './scenario.js';

const EMAIL = 'rivera@example.org';
const PASSWORD = 'correct horse battery';

/** The app's code for a moment `aheadSeconds` from now (a code is accepted once, so the next one is a step on). */
const codeFor = (secret: string, aheadSeconds = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + aheadSeconds });

async function typeInto(page: Page, label: string, text: string, exact = false): Promise<void> {
  const field = page.getByLabel(label, { exact });
  await field.focus();
  await page.keyboard.type(text);
}

describe('two-step sign-in and the audit log', () => {
  let app: RunningApp;
  let browser: Browser;
  let therapist: Actor;
  let secret = '';

  beforeAll(async () => {
    app = await startApp();
    await api(app, 'POST', '/setup', {
      name: 'Dr Rivera',
      email: EMAIL,
      password: PASSWORD,
      setupToken: E2E_SETUP_TOKEN,
    });
    browser = await launchChromium();
    therapist = await newActor(browser, 'therapist', { baseURL: app.url });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  const signInWithPassword = async () => {
    const { page } = therapist;
    await page.goto('/login');
    await typeInto(page, 'Email', EMAIL);
    await typeInto(page, 'Password', PASSWORD, true);
    await page.keyboard.press('Enter');
  };

  it('sets up an authenticator app from the setup key on the page, and gets recovery codes', async () => {
    const { page } = therapist;
    await signInWithPassword();
    await page.getByRole('link', { name: 'Account' }).waitFor();
    await page.goto('/account');
    await page.getByRole('link', { name: 'Two-step sign-in' }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Sign-in security' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Set up an authenticator app' }).press('Enter');
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    secret = (await page.getByTestId('totp-secret').getAttribute('data-secret')) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    // The key as printed (groups of four) is the same key.
    expect((await page.getByTestId('totp-secret').textContent())?.replace(/\s/g, '')).toBe(secret);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await typeInto(page, 'Six-digit code', await codeFor(secret));
    await page.keyboard.press('Enter');
    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    expect(await codes.count()).toBe(10);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).press('Enter');
    await page.getByRole('status').filter({ hasText: 'Two-step sign-in is on.' }).waitFor();
    expect(await page.getByTestId('totp-state').textContent()).toContain('On.');
    // The key is gone from the page and is never sent again.
    expect(await page.getByTestId('totp-secret').count()).toBe(0);
    await page.reload();
    await page.getByTestId('totp-state').waitFor();
    expect(await page.content()).not.toContain(secret);
  });

  it('signs out, then signs in with the password and a code from the app', async () => {
    const { page } = therapist;
    await page.getByRole('button', { name: 'Sign out' }).press('Enter');
    await page.waitForURL('**/login');
    await signInWithPassword();
    await page.getByRole('heading', { level: 1, name: 'Enter your code' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // A wrong code is refused, announced, and keeps the person on this step.
    await typeInto(page, 'Code from your app, or a recovery code', '000000');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'That code is not right.' }).waitFor();
    await page.getByLabel('Code from your app, or a recovery code').fill('');
    await typeInto(page, 'Code from your app, or a recovery code', await codeFor(secret, 30));
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Account' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('shows the owner the audit log, filtered by action, and exports it as CSV', async () => {
    const { page } = therapist;
    await page.goto('/account');
    await page.getByRole('link', { name: 'Two-step sign-in' }).press('Enter');
    // The account page's link ("Two-step sign-in, devices and the audit log") also holds the words "audit log":
    // press the security page's own link, once that page is shown.
    await page.getByRole('heading', { level: 1, name: 'Sign-in security' }).waitFor();
    await page.getByRole('link', { name: 'Audit log', exact: true }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByRole('table').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The action filter (a native select), then apply by keyboard.
    await page.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Two-step sign-in turned on' });
    await page.getByRole('button', { name: 'Show entries' }).press('Enter');
    await page.getByRole('heading', { name: /^1 entry · page 1 of 1$/ }).waitFor();
    const rows = page.getByRole('table').getByRole('row');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toContain('Two-step sign-in turned on');
    expect(page.url()).toContain('action=therapist.totp_enable');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export as CSV' }).press('Enter');
    const file = await (await download).path();
    const csv = fs.readFileSync(file, 'utf8').split('\r\n');
    expect(csv[0]).toBe('time,actor_type,actor_id,action,session_id,target_id');
    expect(csv.slice(1).filter(Boolean)).toHaveLength(1);
    expect(csv[1]).toContain(',therapist.totp_enable,');
    expect(therapist.missingKeys).toEqual([]);
    expect(therapist.errors).toEqual([]);
  });
});
