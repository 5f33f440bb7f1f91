/**
 * A practice with two clinicians, in the browser: the owner invites a clinician from the People page, the
 * clinician signs up through the link in their own browser, the owner transfers a couple to them from the
 * couple's page, and the clinician sees it while the owner no longer does; the owner's People page shows it.
 * Axe-clean in English and Spanish on the People page and the sign-up page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './app.js';
import { PHONE, launchChromium, newActor, seriousA11yViolations, selectedLabel, type Actor } from './browser.js';
import { jointSession, type Scenario } from './scenario.js';

async function inLanguage(page: Page, lang: 'en' | 'es') {
  await page.locator(`.language-switcher [lang=${lang}]`).click();
  await page.locator(`html[lang=${lang}]`).waitFor();
}

/** Axe finds nothing serious in English, then in Spanish once `ready` shows the Spanish page; back to English. */
async function axeInBoth(page: Page, ready: (page: Page) => Promise<unknown>) {
  expect(await seriousA11yViolations(page)).toEqual([]);
  await inLanguage(page, 'es');
  await ready(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await inLanguage(page, 'en');
}

describe('a practice: invite a clinician, sign up by the link, transfer a couple', () => {
  let app: RunningApp;
  let browser: Browser;
  let s: Scenario;
  let bea: Actor;
  let link = '';

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    s = await jointSession(app, browser);
    bea = await newActor(browser, 'bea', { baseURL: app.url, viewport: PHONE });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('the owner invites a clinician from the People page and gets a link to copy', async () => {
    const t = s.therapist.page;
    await t.goto('/');
    await t.getByRole('link', { name: 'People' }).click();
    await t.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    await t.getByRole('list', { name: 'People in the practice' }).getByText('rivera@example.org').waitFor();
    await axeInBoth(t, (p) => p.getByRole('heading', { level: 1, name: 'Personas' }).waitFor());

    await t.getByLabel('Email').fill('bea@example.org');
    await t.getByRole('button', { name: 'Create invite link' }).click();
    const field = t.getByLabel('Invite link for bea@example.org');
    await field.waitFor();
    link = await field.inputValue();
    expect(link).toMatch(/\/welcome#[A-Za-z0-9_-]{20,}$/);
    await t.getByRole('heading', { name: 'Open invites' }).waitFor();
    expect(await seriousA11yViolations(t)).toEqual([]);
  });

  it('the clinician signs up through the link on a phone', async () => {
    const b = bea.page;
    await b.goto(link);
    await b.getByRole('heading', { level: 1, name: 'Join your practice' }).waitFor();
    await b.getByText('Your account’s e-mail: bea@example.org').waitFor();
    // The token left the address bar.
    expect(new URL(b.url()).hash).toBe('');
    await axeInBoth(b, (p) => p.getByRole('heading', { level: 1, name: 'Únase a su consulta' }).waitFor());
    await b.getByLabel('Your name').fill('Bea Morales');
    await b.getByLabel('Password', { exact: true }).fill('plum orbit lantern 42');
    await b.getByRole('button', { name: 'Create my account' }).click();
    await b.getByTestId('therapist-name').getByText('Bea Morales').waitFor();
    // A clinician has no People page.
    expect(await b.getByRole('link', { name: 'People' }).count()).toBe(0);
  });

  it('the owner transfers the couple to her; she sees it, the owner no longer does', async () => {
    const t = s.therapist.page;
    await t.goto(`/couples/${s.couple.id}`);
    await t.getByRole('heading', { name: 'Clinicians' }).waitFor();
    expect(await t.getByTestId('couple-clinician').textContent()).toBe('Dr Rivera');
    await t.getByRole('combobox', { name: 'Transfer to' }).selectOption({ label: 'Bea Morales' });
    await t.getByRole('button', { name: 'Transfer', exact: true }).click();
    await t.waitForURL((u) => u.pathname === '/');

    const b = bea.page;
    await b.goto('/');
    await b.getByRole('link', { name: 'Alex & Sam' }).waitFor();
    await b.getByRole('link', { name: 'Alex & Sam' }).click();
    await b.getByTestId('couple-clinician').getByText('Bea Morales').waitFor();

    // The owner as admin: the People page shows her couple, and the couple is no longer on the owner's dashboard.
    await t.goto('/people');
    const row = t.locator('li[data-email="bea@example.org"]');
    await row.getByText('1 couple').waitFor();
    await t.goto('/');
    await t.getByTestId('therapist-name').waitFor();
    expect(await t.getByRole('link', { name: 'Alex & Sam' }).count()).toBe(0);
  });

  it('the practice’s default language is where a new couple’s partners start', async () => {
    const t = s.therapist.page;
    await t.goto('/people');
    await t.getByRole('combobox', { name: 'Default language' }).selectOption({ label: 'Español' });
    await t.getByRole('button', { name: 'Save settings' }).click();
    await t.getByText('Settings saved.').waitFor();
    await t.goto('/couples/new');
    for (const label of ['Partner A language', 'Partner B language']) {
      await expect.poll(() => selectedLabel(t.getByRole('combobox', { name: label }))).toBe('Español');
    }
  });
});
