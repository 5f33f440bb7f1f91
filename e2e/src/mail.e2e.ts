/**
 * E-mail in the browser (issue 16): without SMTP_URL the couple form has no e-mail fields and a new link has no
 * "Send by e-mail"; with it, the therapist sets a partner's address and time zone, books a session whose links go
 * by e-mail, and sends one again by keyboard-reachable buttons with announced results, axe-clean in en and es.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './app.js';
import { launchChromium, seriousA11yViolations, chooseLanguage } from './browser.js';
import { jointSession, type Scenario } from './scenario.js';
import { localSmtp, type LocalSmtp } from './smtp.js';

describe('invitations by e-mail in the browser', () => {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  let smtp: LocalSmtp | undefined;
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
    await smtp?.down();
  });

  const bookFromCouplePage = async (s: Scenario) => {
    const page = s.therapist.page;
    await page.goto(`/couples/${s.couple.id}`);
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.getByRole('heading', { name: 'New invite links' }).waitFor();
  };

  it('offers no e-mail at all without SMTP_URL', async () => {
    app = await startApp();
    browser = await launchChromium();
    const s = await jointSession(app, browser);
    const page = s.therapist.page;
    await page.goto(`/couples/${s.couple.id}/edit`);
    await page.getByLabel('Partner A name').waitFor();
    expect(await page.locator('input[type=email]').count()).toBe(0);
    await bookFromCouplePage(s);
    await page.getByRole('button', { name: 'Copy link for Alex' }).waitFor();
    expect(await page.getByRole('button', { name: /e-mail/i }).count()).toBe(0);
    // No "send by e-mail" choice (the couple's other checkboxes, e.g. supervision consent, are not about mail).
    expect(await page.getByRole('checkbox', { name: /e-mail/i }).count()).toBe(0);
    await browser.close();
    await app.dispose();
    browser = undefined;
    app = undefined;
  });

  it('with SMTP_URL: addresses and zones on the couple form, links e-mailed on booking and on request', async () => {
    smtp = await localSmtp();
    app = await startApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Tandem <no-reply@tandem.test>' });
    browser = await launchChromium();
    const s = await jointSession(app, browser);
    const page = s.therapist.page;

    await page.goto(`/couples/${s.couple.id}/edit`);
    await page.getByLabel('E-mail of Alex (optional)').fill('alex@example.org');
    await page.getByLabel('Time zone of Alex').fill('Mars/Olympus');
    await page.getByLabel('E-mail of Sam (optional)').fill('sam@example.org');
    await page.getByLabel('Time zone of Sam').fill('Europe/Madrid');
    await page.getByRole('button', { name: 'Save couple' }).click();
    await page.getByText('Enter a time zone such as Europe/Madrid').waitFor();
    await page.getByLabel('Time zone of Alex').fill('America/Santiago');
    await page.getByRole('button', { name: 'Save couple' }).click();
    await page.waitForURL(`**/couples/${s.couple.id}`);

    await page.getByRole('checkbox', { name: 'E-mail the links (Alex, Sam)' }).waitFor();
    await bookFromCouplePage(s);
    await page.getByRole('status').filter({ hasText: '2 links went by e-mail' }).waitFor();
    expect(smtp.received.map((m) => m.to).sort()).toEqual(['alex@example.org', 'sam@example.org']);
    expect(smtp.received.find((m) => m.to === 'alex@example.org')?.text).toContain('/join#');

    const send = page.getByRole('button', { name: 'Send by e-mail to Sam' });
    await send.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'E-mailed to sam@example.org' }).waitFor();
    expect(smtp.received).toHaveLength(3);

    await smtp.down();
    await page.getByRole('button', { name: 'Send by e-mail to Alex' }).click();
    await page.getByText("Not sent: the mail server didn't take it").waitFor();
    await page.getByRole('button', { name: 'Try sending to Alex again' }).waitFor();
    await smtp.up();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await chooseLanguage(page, 'es');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Volver a enviar a Alex' }).click();
    await page.getByRole('status').filter({ hasText: 'Enviado a alex@example.org' }).waitFor();
    expect(smtp.received).toHaveLength(4);
    expect(s.therapist.missingKeys).toEqual([]);
    expect(s.therapist.errors).toEqual([]);
  });
});
