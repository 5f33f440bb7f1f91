/**
 * Co-therapy in the browser, as a practice would live it: the owner invites a clinician, who signs up by the link,
 * turns on two-step sign-in, adds a new couple and books a weekly series; she adds the owner to its first session
 * as co-therapist from the session's row; then she, her co-therapist and both partners meet in one call (four
 * people, each seeing three others). The partners see the co-therapist as such; his room says who runs it and
 * offers no running controls. Axe-clean in English and Spanish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import type { Browser, Locator, Page } from 'playwright-core';
import type { CoupleDto, CreatedStaffInviteDto, IssuedInviteDto, SessionDto } from '@tandem/shared';
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
import { api, jointSession, type Scenario } from './scenario.js';

// A bound for a loaded machine (four people's fake cameras on two cores), not a wait.
const POLL = { timeout: 60_000, interval: 250 };

const connectedPeers = (page: Page) =>
  page.locator('figure.tile:not([data-self])[data-peer-state="connected"]').count();

/** The document itself does not scroll, either way. */
const documentFits = (page: Page) =>
  page.evaluate(() => {
    const doc = document.scrollingElement ?? document.documentElement;
    return doc.scrollHeight <= window.innerHeight && doc.scrollWidth <= window.innerWidth;
  });

const pad = (n: number) => String(n).padStart(2, '0');

/** Types a date and time into react-aria's segmented field (month, day, year, hour, minute, AM/PM). */
async function typeDateTime(page: Page, scope: Locator, label: string, at: Date) {
  await scope.getByRole('group', { name: label }).getByRole('spinbutton').first().focus();
  const hour12 = at.getHours() % 12 === 0 ? 12 : at.getHours() % 12;
  await page.keyboard.type(
    `${pad(at.getMonth() + 1)}${pad(at.getDate())}${at.getFullYear()}${pad(hour12)}${pad(at.getMinutes())}`,
  );
  await page.keyboard.type(at.getHours() < 12 ? 'a' : 'p');
}

describe('co-therapy: a clinician’s weekly series, its first session with a co-therapist, four people on video', () => {
  let app: RunningApp;
  let browser: Browser;
  let s: Scenario;
  let bea: Actor;
  let kim: Actor;
  let lee: Actor;
  let beaCookie = '';
  let couple: CoupleDto;
  let first: SessionDto;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    s = await jointSession(app, browser);
    bea = await newActor(browser, 'bea', { baseURL: app.url, viewport: DESKTOP });
    kim = await newActor(browser, 'kim', { baseURL: app.url, viewport: DESKTOP });
    lee = await newActor(browser, 'lee', { baseURL: app.url, viewport: PHONE });
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
    const cookie = (await bea.context.cookies()).find((c) => c.name === 'tandem_session');
    beaCookie = `tandem_session=${cookie?.value ?? ''}`;
  });

  it('she adds a couple, books a weekly series, and adds the owner to its first session as co-therapist', async () => {
    const b = bea.page;
    await b.goto('/');
    await b.getByRole('link', { name: 'New couple' }).click();
    await b.getByLabel('Couple name').fill('Kim & Lee');
    await b.getByLabel('Partner A name').fill('Kim');
    await b.getByLabel('Partner B name').fill('Lee');
    await b.getByRole('button', { name: 'Save couple' }).click();
    await b.getByRole('heading', { level: 1, name: 'Kim & Lee' }).waitFor();
    const coupleId = new URL(b.url()).pathname.split('/').pop() ?? '';
    couple = (await api<CoupleDto>(app, 'GET', `/couples/${coupleId}`, undefined, beaCookie)).data;

    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    const form = b.getByRole('region', { name: 'New session' });
    await typeDateTime(b, form, 'Scheduled time', new Date(tomorrow.setHours(17, 0, 0, 0)));
    await form.getByRole('radio', { name: 'Weekly' }).check();
    await form.getByRole('textbox', { name: 'Number of sessions' }).fill('4');
    await form.getByRole('button', { name: 'Create series' }).click();
    const item = b.locator('.session-item:has([data-series-place="1/4"])');
    await item.waitFor(POLL);
    const sessions = (await api<SessionDto[]>(app, 'GET', `/couples/${couple.id}/sessions`, undefined, beaCookie)).data;
    first = sessions.find((x) => x.series?.index === 1)!;
    expect(sessions.filter((x) => x.series?.count === 4)).toHaveLength(4);

    await item.getByRole('button', { name: /^Co-therapy/ }).click();
    const dialog = b.getByRole('dialog', { name: 'Clinicians in this session' });
    await dialog.getByText('Only you.').waitFor();
    await dialog.getByRole('combobox', { name: 'Clinician' }).selectOption({ label: 'Dr Rivera' });
    // A supervisor needs the couple's consent: the page says so before anyone presses.
    await dialog.getByRole('combobox', { name: 'Joins as' }).selectOption({ label: 'Supervisor' });
    await dialog.getByText('A supervisor needs the couple’s consent').waitFor();
    expect(await dialog.getByRole('button', { name: 'Add to this session' }).isDisabled()).toBe(true);
    await dialog.getByRole('combobox', { name: 'Joins as' }).selectOption({ label: 'Co-therapist' });
    await dialog.getByRole('button', { name: 'Add to this session' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Dr Rivera joins this session.' }).waitFor();
    await dialog.getByRole('button', { name: 'Take Dr Rivera off this session' }).waitFor();
    await dialog.screenshot({ path: 'test-results/screens/cotherapy-dialog-1280.png' });
    expect(await seriousA11yViolations(b)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await item.getByText('With Dr Rivera (Co-therapist)').waitFor();
    // In Spanish (the switcher is outside the dialog, which keeps focus while open).
    await chooseLanguage(b, 'es');
    await item.getByRole('button', { name: /^Coterapia/ }).click();
    const dialogo = b.getByRole('dialog', { name: 'Profesionales en esta sesión' });
    await dialogo.getByText('Dr Rivera').waitFor();
    await dialogo.screenshot({ path: 'test-results/screens/cotherapy-dialog-1280-es.png' });
    expect(await seriousA11yViolations(b)).toEqual([]);
    await dialogo.getByRole('button', { name: 'Cerrar' }).click();
    await b.locator('section[aria-labelledby="care-heading"]').screenshot({
      path: 'test-results/screens/cotherapy-care-1280-es.png',
    });
    await chooseLanguage(b, 'en');
  });

  it('four people meet in one call; the partners see him as co-therapist; his room runs nothing', async () => {
    const roomUrl = `/sessions/${first.id}`;
    const b = bea.page;
    await b.goto(roomUrl);
    for (const [actor, i] of [
      [kim, 0],
      [lee, 1],
    ] as const) {
      const partnerId = couple.partners[i]!.id;
      const link = await api<IssuedInviteDto>(app, 'POST', `/sessions/${first.id}/invites/${partnerId}`, {}, beaCookie);
      await actor.page.goto(link.data.url);
      await actor.page.getByRole('button', { name: 'I understand' }).click();
      await b.getByRole('button', { name: `Admit ${actor === kim ? 'Kim' : 'Lee'}` }).click();
    }
    const r = s.therapist.page;
    await r.goto(roomUrl);
    await r.getByText('You are joining as co-therapist. Bea Morales runs this session').waitFor();
    await r.getByRole('link', { name: 'Leave', exact: true }).waitFor();
    expect(await r.getByRole('button', { name: 'End session' }).count()).toBe(0);

    const four = [bea, s.therapist, kim, lee];
    for (const actor of four) {
      const join = actor.page.getByRole('button', { name: 'Join the call' });
      await join.waitFor(POLL);
      await expect.poll(() => join.isEnabled(), POLL).toBe(true);
      await join.click();
    }
    for (const actor of four) await expect.poll(() => connectedPeers(actor.page), POLL).toBe(3);
    // In the call, the breakout is the runner's alone.
    await b.getByRole('button', { name: 'Talk privately with Kim' }).waitFor();
    expect(await r.getByRole('button', { name: /^Talk privately with/ }).count()).toBe(0);

    // The partners, and the one who runs it, see who he is.
    await kim.page.locator('.presence-item[data-person="Dr Rivera"]').getByText('Co-therapist').waitFor();
    await b.locator('.presence-item[data-person="Dr Rivera"]').getByText('Co-therapist').waitFor();

    await screenshot(r, 'cotherapy-room-cotherapist-1280');
    await screenshot(b, 'cotherapy-room-therapist-1280');
    await screenshot(lee.page, 'cotherapy-room-partner-375');
    await axeInBoth(r);
    // His room is a console too: the page itself never scrolls, at every width, in both languages.
    for (const lang of ['en', 'es'] as const) {
      await r.setViewportSize(DESKTOP); // the language switcher is in the top bar on a laptop
      await chooseLanguage(r, lang);
      for (const size of [
        { width: 1920, height: 1080 },
        { width: 1280, height: 800 },
        { width: 412, height: 915 },
        PHONE,
      ]) {
        await r.setViewportSize(size);
        await expect.poll(() => documentFits(r), POLL).toBe(true);
        await screenshot(r, `cotherapy-room-cotherapist-${size.width}-${lang}`);
      }
    }
    await r.setViewportSize(DESKTOP);
    await chooseLanguage(r, 'en');
    for (const actor of four) {
      expect(actor.missingKeys).toEqual([]);
      expect(actor.errors).toEqual([]);
    }
    // Four fake cameras encoding for three peers each on two loaded cores: a bound, not a wait.
  }, 240_000);
});

async function axeInBoth(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
  await chooseLanguage(page, 'es');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await chooseLanguage(page, 'en');
}
