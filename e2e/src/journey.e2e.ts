/**
 * The foundation journey, as three people would live it: a therapist on a laptop, Alex on a laptop,
 * Sam on a phone, each in their own browser context.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './app.js';
import { PHONE, launchChromium, newActor, screenshot, seriousA11yViolations, type Actor, POLL } from './browser.js';

describe('a joint session three people can join', () => {
  let app: RunningApp;
  let browser: Browser;
  let therapist: Actor;
  let alex: Actor;
  let sam: Actor;
  const a11y: Record<string, string[]> = {};

  const scan = async (actor: Actor, pageName: string) => {
    a11y[`${actor.name}: ${pageName}`] = await seriousA11yViolations(actor.page);
  };

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    therapist = await newActor(browser, 'therapist', { baseURL: app.url });
    alex = await newActor(browser, 'alex', { baseURL: app.url });
    sam = await newActor(browser, 'sam', { baseURL: app.url, viewport: PHONE, locale: 'es-ES' });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  let alexLink = '';
  let samLink = '';
  let roomUrl = '';

  it('lets the therapist create the first account from the link printed at start', async () => {
    const { page } = therapist;
    // `/` is the page for partners without their link; the therapist's small way in leads to the setup.
    await page.goto('/');
    await page.getByRole('link', { name: "I'm the therapist: sign in" }).click();
    await page.waitForURL('**/setup');
    await page.getByText('open the setup link that Tandem printed').waitFor();
    // The start banner prints the link with its one-time code, as Jupyter does; the newcomer opens it.
    const printed = /https?:\/\/\S+\/setup\?token=[A-Za-z0-9_-]+/.exec(app.logs())?.[0];
    expect(printed).toBeTruthy();
    const link = new URL(printed ?? '');
    await page.goto(link.pathname + link.search);
    await page.getByLabel('Your name').waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByLabel('Setup code').count()).toBe(0);
    await scan(therapist, 'setup');
    await page.getByLabel('Password').fill('password123');
    await page.getByText('It is a common or leaked password.').waitFor();
    await page.getByLabel('Your name').fill('Dr Rivera');
    await page.getByLabel('Email').fill('rivera@example.org');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('link', { name: 'New couple' }).waitFor();
    await scan(therapist, 'dashboard');
  });

  it('creates a couple and a joint session with one invite link per partner', async () => {
    const { page } = therapist;
    await page.getByRole('link', { name: 'New couple' }).click();
    await page.getByLabel('Couple name').fill('Alex & Sam');
    await page.getByLabel('Partner A name').fill('Alex');
    await page.getByLabel('Partner B name').fill('Sam');
    await selectOption(page, 'Partner B language', 'Español');
    await page.getByRole('radio', { name: /No secrets/i }).check();
    await scan(therapist, 'couple form');
    await page.getByRole('button', { name: 'Save couple' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alex & Sam' }).waitFor();
    await scan(therapist, 'couple');

    await page.getByRole('radio', { name: 'Joint session' }).check();
    // The title is the therapist's own words, kept as typed (not made up from the couple's name).
    await page.getByLabel('Title', { exact: true }).fill('Sesión con la Dra. Rivera');
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.getByRole('heading', { level: 3, name: 'Sesión con la Dra. Rivera' }).waitFor();
    const alexField = page.getByLabel('Invite link for Alex');
    await alexField.waitFor();
    alexLink = await alexField.inputValue();
    samLink = await page.getByLabel('Invite link for Sam').inputValue();
    expect(alexLink).toMatch(/\/join#[A-Za-z0-9_-]{43}$/);
    expect(samLink).toMatch(/\/join#[A-Za-z0-9_-]{43}$/);
    expect(samLink).not.toBe(alexLink);
    await page.getByRole('button', { name: 'Copy link for Alex' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), POLL).toBe(alexLink);
    await scan(therapist, 'session created');
    await screenshot(page, 'therapist-couple-1280');
  });

  it('opens the session room for the therapist', async () => {
    const { page } = therapist;
    await page.getByRole('link', { name: 'Open session room' }).first().click();
    await page.waitForURL('**/sessions/**');
    roomUrl = page.url();
    await page.getByRole('list', { name: 'People in this session' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Sesión con la Dra. Rivera' }).waitFor();
    await expect.poll(() => page.title(), POLL).toBe('Sesión con la Dra. Rivera · Tandem');
    await expect.poll(() => presence(therapist), POLL).toContainEqual(['Dr Rivera', 'online']);
  });

  it('shows each partner the session, the policy in plain words, and a waiting room', async () => {
    for (const actor of [alex, sam]) {
      await actor.page.goto(actor === alex ? alexLink : samLink);
      await actor.page.waitForURL('**/s/**');
      expect(actor.page.url()).not.toContain('#');
    }
    await alex.page.getByRole('button', { name: 'I understand' }).click();
    await alex.page.getByText('Your therapist will let you in').waitFor();
    // The therapist's tab says who waits, so she sees it from another tab.
    await expect.poll(() => therapist.page.title(), POLL).toBe('(1) Alex is waiting · Tandem');
    await scan(alex, 'waiting room');
    // Sam's page is in Spanish (his preferred language), on a phone.
    await sam.page.getByRole('button', { name: 'Entiendo' }).click();
    await sam.page.getByText('Su terapeuta le dejará entrar').waitFor();
    await expect.poll(() => therapist.page.title(), POLL).toBe('(2) Alex and Sam are waiting · Tandem');
    expect(await sam.page.locator('html').getAttribute('lang')).toBe('es');
    await scan(sam, 'sala de espera (es, phone)');
    await screenshot(sam.page, 'partner-waiting-375-es');
    expect(sam.missingKeys).toEqual([]);
  });

  it('lets the therapist admit both; all three see the same presence list', async () => {
    const { page } = therapist;
    await page.getByRole('button', { name: 'Admit Alex' }).click();
    await expect.poll(() => page.title(), POLL).toBe('(1) Sam is waiting · Tandem');
    await page.getByRole('button', { name: 'Admit Sam' }).click();
    await expect.poll(() => page.title(), POLL).toBe('Sesión con la Dra. Rivera · Tandem');
    // On a phone the people are on the Call tab, which opens first.
    await sam.page.getByRole('tab', { name: 'Llamada', selected: true }).waitFor();
    const expected = [
      ['Dr Rivera', 'online'],
      ['Alex', 'online'],
      ['Sam', 'online'],
    ];
    await expect.poll(() => presence(therapist), POLL).toEqual(expected);
    await expect.poll(() => presence(alex), POLL).toEqual(expected);
    await expect.poll(() => presence(sam), POLL).toEqual(expected);
    await scan(therapist, 'room');
    await scan(alex, 'room');
    await scan(sam, 'room (phone)');
    await screenshot(therapist.page, 'therapist-room-1280');
    await screenshot(sam.page, 'partner-room-375');
  });

  it('brings Alex back after a reload without a new admission', async () => {
    await alex.page.reload();
    await alex.page.getByRole('list', { name: 'People in this session' }).waitFor();
    await expect.poll(() => presence(alex), POLL).toContainEqual(['Alex', 'online']);
    await expect.poll(() => presence(therapist), POLL).toContainEqual(['Alex', 'online']);
    expect(await alex.page.getByText('Your therapist will let you in').count()).toBe(0);
  });

  it('ends the session for everyone, and the links stop working', async () => {
    const { page } = therapist;
    expect(page.url()).toBe(roomUrl);
    await page.getByRole('button', { name: 'End session' }).click();
    await page
      .getByRole('alertdialog', { name: 'End the session for everyone?' })
      .getByRole('button', { name: 'End session' })
      .click();
    // The therapist gets her own end screen: which session, when, how long, and where to go next.
    await page.getByRole('heading', { level: 1, name: 'Session ended' }).waitFor();
    const ended = page.locator('[data-view="therapist-ended"]');
    expect(await ended.getByText('Sesión con la Dra. Rivera').count()).toBe(1);
    await ended.getByText(/^\d+ minutes?$/).waitFor();
    expect(await page.getByText('Thank you for taking part').count()).toBe(0);
    await scan(therapist, 'end screen');
    await alex.page.getByText('This session has ended').first().waitFor();
    await sam.page.getByText('Esta sesión ha terminado').first().waitFor();
    const fresh = await newActor(browser, 'late', { baseURL: app.url });
    await fresh.page.goto(alexLink);
    await fresh.page.getByText('This link no longer works').waitFor();
    await fresh.context.close();
  });

  it('takes the therapist from the end screen to the session notes and back to the couple', async () => {
    const { page } = therapist;
    await page.getByRole('link', { name: 'Session notes' }).click();
    await page.waitForURL('**/notes');
    await page.getByRole('heading', { level: 1, name: 'Session notes' }).waitFor();
    await page.goBack();
    await page.getByRole('link', { name: 'Back to Alex & Sam' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alex & Sam' }).waitFor();
  });

  it('has no serious or critical accessibility violations on any page of the journey', () => {
    const failures = Object.entries(a11y).filter(([, v]) => v.length > 0);
    expect(failures).toEqual([]);
    for (const actor of [therapist, alex, sam]) expect(actor.errors).toEqual([]);
  });
});

/** The presence list as [name, status] pairs. */
async function presence(actor: Actor): Promise<string[][]> {
  return actor.page
    .getByRole('list', { name: /People in this session|Personas en esta sesión/ })
    .locator('li')
    .evaluateAll((items) =>
      items.map((li) => [li.getAttribute('data-person') ?? '', li.getAttribute('data-status') ?? '']),
    );
}

async function selectOption(page: Actor['page'], label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).selectOption({ label: option });
}
