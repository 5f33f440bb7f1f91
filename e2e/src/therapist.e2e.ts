/**
 * The therapist's side, from the walk-through: a first visit with a clean console, setup's refusal that never moves
 * the button, and session titles typed (and renamed) by the therapist, in English and Spanish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, ConsoleMessage, Locator, Page } from 'playwright-core';
import { E2E_SETUP_TOKEN, startApp, type RunningApp } from './app.js';
import { PHONE, launchChromium, newActor, seriousA11yViolations, type Actor, chooseLanguage, POLL } from './browser.js';

/** Every console error and warning of a page, and every failed request (a 401 shows as a console error). */
function watchConsole(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error' || msg.type() === 'warning') lines.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) lines.push(`HTTP ${res.status()} ${new URL(res.url()).pathname}`);
  });
  return lines;
}

describe('the therapist’s side', () => {
  let app: RunningApp;
  let browser: Browser;
  let therapist: Actor;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('logs nothing in the console on a first visit to a fresh install', async () => {
    const visitor = await newActor(browser, 'visitor', { baseURL: app.url });
    const lines = watchConsole(visitor.page);
    // `/` signed out is the page for people who came without their link; the therapist goes on from it.
    await visitor.page.goto('/');
    await visitor.page.locator('[data-view="no-link"]').waitFor();
    await visitor.page.getByRole('link', { name: "I'm the therapist: sign in" }).click();
    await visitor.page.waitForURL('**/setup');
    await visitor.page.getByRole('heading', { level: 1 }).waitFor();
    expect(lines).toEqual([]);
    await visitor.context.close();
  });

  it('sets up with a wrong code: the refusal sits below the button, and goes with the next edit', async () => {
    therapist = await newActor(browser, 'therapist', { baseURL: app.url });
    const { page } = therapist;
    await page.goto('/setup');
    await page.getByLabel('Setup code').fill('not-the-code-0123456789');
    await page.getByLabel('Your name').fill('Dr Rivera');
    await page.getByLabel('Email').fill('rivera@example.org');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByText('Password strength: strong').waitFor();
    const button = page.getByRole('button', { name: 'Create account' });
    const before = await pageBox(button);
    await button.click();
    const refusal = page.getByRole('alert').filter({ hasText: /code/i });
    await refusal.waitFor();
    // The button stays where the pointer is: the next click does not miss.
    expect(await pageBox(button)).toEqual(before);
    expect((await pageBox(refusal)).top).toBeGreaterThanOrEqual(before.bottom);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Editing answers the refusal: it no longer speaks for values it never saw.
    await page.getByLabel('Setup code').fill(E2E_SETUP_TOKEN);
    await refusal.waitFor({ state: 'detached' });
    expect(await pageBox(button)).toEqual(before);
    await button.click();
    await page.getByRole('link', { name: 'New couple' }).waitFor();
  });

  it('logs nothing in the console on a first visit to /login and to / signed out', async () => {
    for (const start of ['/login', '/']) {
      const visitor = await newActor(browser, 'visitor', { baseURL: app.url });
      const lines = watchConsole(visitor.page);
      await visitor.page.goto(start);
      if (start === '/') {
        await visitor.page.locator('[data-view="no-link"]').waitFor();
        await visitor.page.getByRole('link', { name: "I'm the therapist: sign in" }).click();
      }
      await visitor.page.waitForURL('**/login');
      await visitor.page.getByRole('button', { name: 'Sign in' }).waitFor();
      // A deep link to a therapist page loads its code lazily behind the gate: no hydration warning either.
      await visitor.page.goto('/scripts');
      await visitor.page.waitForURL('**/login');
      await visitor.page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(lines).toEqual([]);
      await visitor.context.close();
    }
  });

  it('titles a session in the therapist’s words, renames it, and names an untitled one by its date', async () => {
    const { page } = therapist;
    await page.getByRole('link', { name: 'New couple' }).click();
    await page.getByLabel('Couple name').fill('Alex & Sam');
    await page.getByLabel('Partner A name').fill('Alex');
    await page.getByLabel('Partner B name').fill('Sam');
    await page.getByRole('radio', { name: /No secrets/i }).check();
    await page.getByRole('button', { name: 'Save couple' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alex & Sam' }).waitFor();

    await page.getByLabel('Title', { exact: true }).fill('First steps');
    await page.getByRole('button', { name: 'Create session' }).click();
    const item = page.locator('.session-item').first();
    await item.getByRole('heading', { level: 3, name: 'First steps' }).waitFor();

    await item.getByRole('button', { name: /^Edit title\W+First steps$/ }).click();
    const field = item.getByLabel('Session title');
    expect(await field.inputValue()).toBe('First steps');
    await field.fill('Sesión con la Dra. Rivera');
    await item.getByRole('button', { name: 'Save title' }).click();
    await item.getByRole('heading', { level: 3, name: 'Sesión con la Dra. Rivera' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await item.getByRole('link', { name: /^Open session room\W+Sesión con la Dra. Rivera$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Sesión con la Dra. Rivera' }).waitFor();
    await expect.poll(() => page.title(), POLL).toBe('Sesión con la Dra. Rivera · Tandem');
    // The server has recorded the start (the untitled name below is the start's date) before leaving the room.
    const sessionPath = `/api${new URL(page.url()).pathname}`;
    const startedAt = () =>
      page.evaluate(async (url) => {
        const res = await fetch(url, { credentials: 'same-origin' });
        const body = (await res.json()) as { data?: { startedAt?: string | null } };
        return body.data?.startedAt ?? null;
      }, sessionPath);
    await expect.poll(startedAt, POLL).not.toBeNull();
    await page.goBack();

    // Cleared, the session is untitled again: the room names it by today's date (it has just started).
    const renamed = page.locator('.session-item').first();
    // The couple's page is back and its list loaded before the title is edited (not a list still rendering).
    await renamed.getByRole('heading', { level: 3, name: 'Sesión con la Dra. Rivera' }).waitFor();
    await renamed.getByRole('button', { name: /^Edit title/ }).click();
    await expect.poll(() => renamed.getByLabel('Session title').inputValue(), POLL).toBe('Sesión con la Dra. Rivera');
    await renamed.getByLabel('Session title').fill('');
    await renamed.getByRole('button', { name: 'Save title' }).click();
    const today = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date());
    await renamed.getByRole('heading', { level: 3, name: `Session of ${today}` }).waitFor();
  });

  it('shows the Spanish room title whole on a laptop, and the clock whole on a phone', async () => {
    const { page } = therapist;
    await chooseLanguage(page, 'es');
    const item = page.locator('.session-item').first();
    await item.getByRole('button', { name: /^Editar el título/ }).click();
    await item.getByLabel('Título de la sesión').fill('Sesión con la Dra. Rivera');
    await item.getByRole('button', { name: 'Guardar el título' }).click();
    await item.getByRole('heading', { level: 3, name: 'Sesión con la Dra. Rivera' }).waitFor();
    await item.getByRole('link', { name: /^Abrir la sala/ }).click();
    const heading = page.getByRole('heading', { level: 1, name: 'Sesión con la Dra. Rivera' });
    await heading.waitFor();
    await page.locator('.session-clock').waitFor();
    await expect.poll(() => clipped(page, '.room-title h1'), POLL).toBe(false);
    await expect.poll(() => clipped(page, '.room-status'), POLL).toBe(false);
    // On a phone the title is the heading for screen readers only; the clock shows its time, whole.
    await page.setViewportSize({ width: PHONE.width, height: 667 });
    await page.locator('.room[data-layout="phone"]').waitFor();
    await expect.poll(() => clipped(page, '.room-status'), POLL).toBe(false);
    expect(await page.locator('.session-clock-compact').textContent()).toMatch(/^\d+:\d\d$/);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(therapist.errors).toEqual([]);
    expect(therapist.missingKeys).toEqual([]);
  });
});

/** Where an element sits on the page (not the viewport: a click may scroll). */
async function pageBox(locator: Locator): Promise<{ left: number; top: number; bottom: number }> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left + window.scrollX, top: r.top + window.scrollY, bottom: r.bottom + window.scrollY };
  });
}

/** Whether a shown element's text is cut (ellipsis or overflow) anywhere inside it; visually hidden text aside. */
async function clipped(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .evaluate((root) =>
      [root, ...root.querySelectorAll('*')].some(
        (el) => el instanceof HTMLElement && el.offsetWidth > 1 && el.scrollWidth > el.clientWidth + 1,
      ),
    );
}
