/**
 * The client's data and password reset in the browser: the therapist downloads a partner's archive from the
 * couple's page and deletes the couple after typing its name; a colleague's reset link (issued by the owner) opens
 * the reset page in Spanish, sets a new password and the old sign-in is gone. Axe-clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import type { CreatedStaffInviteDto } from '@tandem/shared';
import { startApp, type RunningApp } from './app.js';
import { launchChromium, newActor, seriousA11yViolations } from './browser.js';
import { api, jointSession, type Scenario } from './scenario.js';

describe("the client's data", () => {
  let app: RunningApp;
  let browser: Browser;
  let s: Scenario;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    s = await jointSession(app, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it("downloads a partner's archive, then deletes the couple once its name is typed", async () => {
    const { page } = s.therapist;
    await page.goto(`/couples/${s.couple.id}`);
    const section = page.getByTestId('client-data');
    await section.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: 'Export Alex’s data' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tandem-partner-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const files = unzipSync(new Uint8Array(readFileSync(path)));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['README.txt', 'manifest.json', 'tandem-data.pdf']));
    await section.getByRole('status').filter({ hasText: 'archive was downloaded' }).waitFor();

    await section.getByRole('button', { name: 'Delete this couple…' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Only the audit log keeps that a deletion happened').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByLabel('Type Alex & Sam to confirm').fill('Alex');
    await dialog.getByRole('button', { name: 'Delete the couple' }).click();
    await dialog.getByText('Type the name exactly as shown.').waitFor();
    await dialog.getByLabel('Type Alex & Sam to confirm').fill('alex & sam');
    await dialog.getByRole('button', { name: 'Delete the couple' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const couples = await api<unknown[]>(app, 'GET', '/couples', undefined, s.therapistCookie);
    expect(couples.data).toEqual([]);
  });

  it('the owner issues a colleague a reset link on the People page; it sets a new password on a Spanish page and her old sign-in ends', async () => {
    // A colleague joins the practice through her invitation (signed in once, as she would be).
    const invite = await api<CreatedStaffInviteDto>(
      app,
      'POST',
      '/practice/invites',
      { email: 'lee@example.org', role: 'clinician', language: 'es' },
      s.therapistCookie,
    );
    const joined = await api(app, 'POST', '/practice/invites/accept', {
      token: invite.data.url.split('#')[1],
      name: 'Dr Lee',
      password: 'plum orbit lantern 42',
    });
    const leeCookie = joined.setCookie.map((c) => c.split(';')[0]).find((c) => c?.startsWith('tandem_session='))!;
    // The owner, on the People page, by keyboard: the link appears ready to copy.
    const t = s.therapist.page;
    await t.goto('/people');
    await t.getByRole('button', { name: 'Create a reset link for Dr Lee' }).press('Enter');
    const field = t.getByRole('textbox', { name: 'Reset link for Dr Lee' });
    await field.waitFor();
    const url = await field.inputValue();
    expect(url).toMatch(/\/reset-password#[A-Za-z0-9_-]{43}$/);
    expect(await t.getByRole('button', { name: /Create a reset link for Dr Rivera/ }).count()).toBe(0);
    expect(await seriousA11yViolations(t)).toEqual([]);
    const link = { data: { url } };
    const { page } = await newActor(browser, 'reset', { baseURL: app.url });
    await page.goto('/login');
    await page.evaluate(() => sessionStorage.setItem('tandem.language', 'es'));
    await page.goto(link.data.url);
    await page.getByRole('heading', { name: 'Elija una contraseña nueva' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Contraseña nueva').fill('lantern orbit pickle meadow');
    await page.getByRole('button', { name: 'Guardar la contraseña nueva' }).click();
    await page.getByTestId('reset-done').waitFor();
    const me = await fetch(`${app.url}/api/auth/me`, { headers: { cookie: leeCookie, origin: app.url } });
    expect(me.status).toBe(401);
    await page.getByRole('link', { name: 'Iniciar sesión' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
  });
});
