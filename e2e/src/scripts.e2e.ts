/** A therapist adapts a built-in script in the editor, is told what is missing, and saves their own copy. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { E2E_SETUP_TOKEN, startApp, type RunningApp } from './app.js';
import { PHONE, launchChromium, newActor, screenshot, seriousA11yViolations, type Actor } from './browser.js';

describe('a therapist’s own scripts', () => {
  let app: RunningApp;
  let browser: Browser;
  let therapist: Actor;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    therapist = await newActor(browser, 'therapist', { baseURL: app.url });
    const res = await therapist.context.request.post(`${app.url}/api/setup`, {
      data: {
        name: 'Dr Rivera',
        email: 'rivera@example.org',
        password: 'correct horse battery',
        setupToken: E2E_SETUP_TOKEN,
      },
      headers: { origin: app.url },
    });
    expect(res.ok()).toBe(true);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('duplicates a built-in script, refuses a blank prompt, and saves the copy', async () => {
    const { page } = therapist;
    await page.goto('/');
    await page.getByRole('link', { name: 'Scripts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Scripts' }).waitFor();
    await page.getByRole('link', { name: 'Duplicate Softened start-up' }).click();
    const name = page.getByLabel('Name', { exact: true });
    await expect.poll(() => name.inputValue()).toBe('Softened start-up (copy)');
    await name.fill('Gentle start, our way');
    await page.getByLabel('Prompt for Listener').first().fill('');
    await page.getByRole('button', { name: 'Save script' }).click();
    await page.getByRole('alert').getByText('Step 1 needs a prompt for Listener.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Prompt for Listener').first().fill('Listen for what they need.');
    await page.getByRole('button', { name: 'Save script' }).click();
    await page.waitForURL('**/scripts/*/edit');
    await page.getByText('Saved.').waitFor();
    await screenshot(page, 'script-editor-1280');
    await page.getByRole('link', { name: 'Back to scripts' }).click();
    await page.getByRole('heading', { level: 3, name: 'Gentle start, our way' }).waitFor();
    await page.setViewportSize(PHONE);
    await screenshot(page, 'script-library-375');
    expect(therapist.errors).toEqual([]);
    expect(therapist.missingKeys).toEqual([]);
  });
});
