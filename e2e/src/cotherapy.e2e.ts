/**
 * Co-therapy in the browser: the owner invites a clinician, who signs up by the link and turns on two-step
 * sign-in; the owner adds her to a joint session as co-therapist from the session's row; the therapist, the
 * co-therapist and both partners meet in one call (four people, each seeing three others). The partners see her
 * as the co-therapist; her room says who runs it and offers no running controls. Axe-clean in English and Spanish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import type { CreatedStaffInviteDto } from '@tandem/shared';
import { startApp, type RunningApp } from './app.js';
import {
  DESKTOP,
  PHONE,
  chooseLanguage,
  launchChromium,
  newActor,
  screenshot,
  seriousA11yViolations,
  type Actor,
} from './browser.js';
import { api, everyoneInTheRoom, jointSession, type Scenario } from './scenario.js';

// A bound for a loaded machine (four people's fake cameras on two cores), not a wait.
const POLL = { timeout: 60_000, interval: 250 };

const connectedPeers = (page: Page) =>
  page.locator('figure.tile:not([data-self])[data-peer-state="connected"]').count();

async function axeInBoth(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
  await chooseLanguage(page, 'es');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await chooseLanguage(page, 'en');
}

describe('co-therapy: a second clinician in a joint session, four people on video', () => {
  let app: RunningApp;
  let browser: Browser;
  let s: Scenario;
  let bea: Actor;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    s = await jointSession(app, browser);
    bea = await newActor(browser, 'bea', { baseURL: app.url, viewport: DESKTOP });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('the invited clinician signs up by the link and turns on two-step sign-in', async () => {
    const invite = await api<CreatedStaffInviteDto>(
      app,
      'POST',
      '/practice/invites',
      { email: 'bea@example.org', role: 'clinician', language: 'en' },
      s.therapistCookie,
    );
    const b = bea.page;
    await b.goto(invite.data.url);
    await b.getByLabel('Your name').fill('Bea Morales');
    await b.getByLabel('Password', { exact: true }).fill('plum orbit lantern 42');
    await b.getByRole('button', { name: 'Create my account' }).click();
    await b.getByTestId('therapist-name').getByText('Bea Morales').waitFor();

    await b.goto('/account');
    await b.getByRole('link', { name: 'Two-step sign-in' }).click();
    await b.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = (await b.getByTestId('totp-secret').getAttribute('data-secret')) ?? '';
    await b.getByLabel('Six-digit code').fill(await generate({ secret }));
    await b.getByLabel('Six-digit code').press('Enter');
    await b.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    await b.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    await b.getByRole('status').filter({ hasText: 'Two-step sign-in is on.' }).waitFor();
  });

  it('the therapist adds her to the session as co-therapist from the session’s row', async () => {
    const t = s.therapist.page;
    await t.goto(`/couples/${s.couple.id}`);
    await t.getByRole('button', { name: /^Co-therapy/ }).click();
    const dialog = t.getByRole('dialog', { name: 'Clinicians in this session' });
    await dialog.getByText('Only you.').waitFor();
    await dialog.getByRole('combobox', { name: 'Clinician' }).selectOption({ label: 'Bea Morales' });
    await dialog.getByRole('combobox', { name: 'Joins as' }).selectOption({ label: 'Co-therapist' });
    // A supervisor needs the couple's consent: the page says so before anyone presses.
    await dialog.getByRole('combobox', { name: 'Joins as' }).selectOption({ label: 'Supervisor' });
    await dialog.getByText('A supervisor needs the couple’s consent').waitFor();
    expect(await dialog.getByRole('button', { name: 'Add to this session' }).isDisabled()).toBe(true);
    await dialog.getByRole('combobox', { name: 'Joins as' }).selectOption({ label: 'Co-therapist' });
    await dialog.getByRole('button', { name: 'Add to this session' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Bea Morales joins this session.' }).waitFor();
    await dialog.getByRole('button', { name: 'Take Bea Morales off this session' }).waitFor();
    await dialog.screenshot({ path: 'test-results/screens/cotherapy-dialog-1280.png' });
    expect(await seriousA11yViolations(t)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await t.getByText('With Bea Morales (Co-therapist)').waitFor();
    // In Spanish (the switcher is outside the dialog, which keeps focus while open).
    await chooseLanguage(t, 'es');
    await t.getByRole('button', { name: /^Coterapia/ }).click();
    const dialogo = t.getByRole('dialog', { name: 'Profesionales en esta sesión' });
    await dialogo.getByText('Bea Morales').waitFor();
    await dialogo.screenshot({ path: 'test-results/screens/cotherapy-dialog-1280-es.png' });
    expect(await seriousA11yViolations(t)).toEqual([]);
    await dialogo.getByRole('button', { name: 'Cerrar' }).click();
    await t
      .locator('section[aria-labelledby="care-heading"]')
      .screenshot({ path: 'test-results/screens/cotherapy-care-1280-es.png' });
    await chooseLanguage(t, 'en');
  });

  it('four people meet in one call; the partners see her as co-therapist; her room runs nothing', async () => {
    await everyoneInTheRoom(s);
    const b = bea.page;
    await b.goto(`/sessions/${s.session.session.id}`);
    await b.getByText('You are joining as co-therapist. Dr Rivera runs this session').waitFor();
    await b.getByRole('link', { name: 'Leave the room' }).waitFor();
    expect(await b.getByRole('button', { name: 'End session' }).count()).toBe(0);

    const four = [s.therapist, bea, s.alex, s.sam];
    for (const actor of four) {
      const join = actor.page.getByRole('button', { name: 'Join the call' });
      await join.waitFor();
      await expect.poll(() => join.isEnabled(), POLL).toBe(true);
      await join.click();
    }
    for (const actor of four) await expect.poll(() => connectedPeers(actor.page), POLL).toBe(3);

    // The partners see who she is.
    await s.alex.page.locator('.presence-item[data-person="Bea Morales"]').getByText('Co-therapist').waitFor();
    await s.therapist.page.locator('.presence-item[data-person="Bea Morales"]').getByText('Co-therapist').waitFor();

    await screenshot(b, 'cotherapy-room-cotherapist-1280');
    await screenshot(s.therapist.page, 'cotherapy-room-therapist-1280');
    await screenshot(s.sam.page, 'cotherapy-room-partner-375');
    await axeInBoth(b);
    await b.setViewportSize(PHONE);
    await screenshot(b, 'cotherapy-room-cotherapist-375');
    for (const actor of [...four]) {
      expect(actor.missingKeys).toEqual([]);
      expect(actor.errors).toEqual([]);
    }
    // Four fake cameras encoding for three peers each on two loaded cores: a bound, not a wait.
  }, 240_000);
});
