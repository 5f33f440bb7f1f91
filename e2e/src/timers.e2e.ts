/**
 * Pauses and scripts as three people live them: the therapist and Alex on laptops, Sam on a phone in Spanish.
 * Every screen renders countdowns from the same server deadline; the server is restarted mid-pause.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CoupleDto, CreatedSessionDto } from '@tandem/shared';
import { E2E_SETUP_TOKEN, startApp, type RunningApp } from './app.js';
import { PHONE, launchChromium, newActor, screenshot, seriousA11yViolations, type Actor, POLL } from './browser.js';

describe('pauses and role-play scripts on three screens', () => {
  let app: RunningApp;
  let browser: Browser;
  let therapist: Actor;
  let alex: Actor;
  let sam: Actor;
  const a11y: Record<string, string[]> = {};

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

  const everyone = () => [therapist, alex, sam];

  it('brings the therapist and both partners into one room', async () => {
    const api = therapist.context.request;
    const post = async <T>(path: string, data: unknown): Promise<T> => {
      const res = await api.post(`${app.url}${path}`, { data, headers: { origin: app.url } });
      const body = (await res.json()) as { ok: boolean; data: T };
      expect(body.ok, path).toBe(true);
      return body.data;
    };
    await post('/api/setup', {
      name: 'Dr Rivera',
      email: 'rivera@example.org',
      password: 'correct horse battery',
      setupToken: E2E_SETUP_TOKEN,
    });
    const couple = await post<CoupleDto>('/api/couples', {
      name: 'Alex & Sam',
      policy: 'no-secrets',
      partners: [
        { displayName: 'Alex', language: 'en' },
        { displayName: 'Sam', language: 'es' },
      ],
    });
    const created = await post<CreatedSessionDto>('/api/sessions', { coupleId: couple.id, kind: 'joint' });
    const linkOf = (i: 0 | 1) => created.invites.find((inv) => inv.partnerId === couple.partners[i]?.id)?.url ?? '';

    await therapist.page.goto(`/sessions/${created.session.id}`);
    await alex.page.goto(linkOf(0));
    await alex.page.getByRole('button', { name: 'I understand' }).click();
    await sam.page.goto(linkOf(1));
    await sam.page.getByRole('button', { name: 'Entiendo' }).click();
    await therapist.page.getByRole('button', { name: 'Admit Alex' }).click();
    await therapist.page.getByRole('button', { name: 'Admit Sam' }).click();
    for (const actor of everyone()) {
      await actor.page.locator('.pause-call-group .btn-pause').first().waitFor();
    }
  });

  it('shows Sam’s pause on all three screens with the same countdown, within 250 ms', async () => {
    await sam.page.locator('.pause-call-group .btn-pause').first().click();
    const countdowns = await Promise.all(everyone().map((a) => readCountdown(a.page)));
    const deadlines = new Set(countdowns.map((c) => c.deadline));
    expect(deadlines.size).toBe(1);
    // Each screen renders deadline - (its clock + its offset). The three pages share this machine's clock, so at one
    // instant they differ only by their offsets: compare what each would show at the same instant (each page is read
    // at its own moment, after its own wait, so its read time is not part of the comparison).
    const instant = Date.now();
    const shown = countdowns.map((c) => c.deadline - (instant + c.offset));
    expect(Math.max(...shown) - Math.min(...shown)).toBeLessThan(250);
    const remaining = shown[0] ?? 0;
    expect(remaining).toBeGreaterThan(19 * 60_000);
    expect(remaining).toBeLessThanOrEqual(20 * 60_000);
    await expect.poll(() => alex.page.locator('.pause-countdown').textContent(), POLL).toMatch(/^(20:00|19:5\d)$/);
    await alex.page.getByText('Sam called a pause.').waitFor();
    await sam.page.getByText('Usted pidió una pausa.').waitFor();
    await therapist.page.getByRole('dialog', { name: 'Taking a pause' }).waitFor();
    for (const actor of everyone()) a11y[`${actor.name}: pause`] = await seriousA11yViolations(actor.page);
    await screenshot(therapist.page, 'pause-overlay-1280');
    await screenshot(sam.page, 'pause-overlay-375-es');
    // What the screen shows (the overlay is fixed; a full-page shot also captures the room below the fold).
    await therapist.page.screenshot({ path: 'test-results/screens/pause-overlay-1280-viewport.png' });
    await sam.page.screenshot({ path: 'test-results/screens/pause-overlay-375-es-viewport.png' });
  });

  it('lets both partners say they are ready, and the therapist bring everyone back', async () => {
    await alex.page.getByRole('button', { name: "I'm ready to come back" }).click();
    await sam.page.getByRole('button', { name: 'Ya puedo volver' }).click();
    await therapist.page.getByText('Ready to come back: Alex and Sam').waitFor();
    // Focus is trapped in the pause overlay (its card and the partner's quick exit) while it is open.
    await sam.page.keyboard.press('Tab');
    expect(await sam.page.evaluate(() => !!document.activeElement?.closest('.pause-modal'))).toBe(true);
    await therapist.page.getByRole('button', { name: 'End the pause' }).click();
    for (const actor of everyone()) {
      await expect.poll(() => actor.page.locator('.pause-countdown').count(), POLL).toBe(0);
    }
    // ...and goes back where it was: Sam called the pause with the Pause button.
    await expect
      .poll(() => sam.page.evaluate(() => document.activeElement?.classList.contains('btn-pause') ?? false), POLL)
      .toBe(true);
  });

  it('keeps the breathing guide still for people who ask for reduced motion', async () => {
    await sam.page.emulateMedia({ reducedMotion: 'reduce' });
    await therapist.page.locator('.pause-call-group .btn-pause').first().click();
    const circle = sam.page.locator('.breath-circle');
    await circle.waitFor();
    const style = await circle.evaluate((el) => {
      const cs = getComputedStyle(el);
      return { transition: cs.transitionDuration, transform: cs.transform };
    });
    expect(parseFloat(style.transition)).toBeLessThan(0.01);
    await sam.page.getByText(/^(Inspire|Mantenga|Espire) · \d$/).waitFor();
    await sam.page.emulateMedia({ reducedMotion: 'no-preference' });
    await therapist.page.getByRole('button', { name: 'End the pause' }).click();
    for (const actor of everyone()) {
      await expect.poll(() => actor.page.locator('.pause-countdown').count(), POLL).toBe(0);
    }
  });

  it('brings the pause back with the right remaining time after the server restarts', async () => {
    await alex.page.getByRole('button', { name: 'Choose how long to pause' }).click();
    await alex.page.getByRole('dialog', { name: 'Pause length' }).getByRole('button', { name: '5 minutes' }).click();
    const before = await readCountdown(therapist.page);
    await app.stop();
    await app.start();
    for (const actor of everyone()) {
      await expect
        .poll(() => actor.page.locator('[data-connection]').getAttribute('data-connection'), POLL)
        .toBe('connected');
      const after = await readCountdown(actor.page);
      expect(after.deadline).toBe(before.deadline);
      const left = after.deadline - (after.at + after.offset);
      expect(left).toBeGreaterThan(4 * 60_000);
      expect(left).toBeLessThan(5 * 60_000);
    }
    // A reload also comes back into the same pause.
    await alex.page.reload();
    expect((await readCountdown(alex.page)).deadline).toBe(before.deadline);
    await therapist.page.getByRole('button', { name: 'End the pause' }).click();
    for (const actor of everyone()) {
      await expect.poll(() => actor.page.locator('.pause-countdown').count(), POLL).toBe(0);
    }
  });

  it('runs a script through every step with a role swap, each partner seeing their own prompts', async () => {
    const t = therapist.page;
    // The exercise has its own tab in the room (a phone on the call tab opens it by itself).
    const openExercise = async (a: Actor) => {
      const tab = a.page.getByRole('tab', { name: /^(Exercise|Ejercicio)/ });
      if ((await tab.count()) > 0 && (await tab.first().getAttribute('aria-selected')) !== 'true') {
        await tab.first().click();
      }
    };
    await openExercise(therapist);
    await t.getByRole('button', { name: 'Start exercise' }).click();
    const runner = (a: Actor) => a.page.locator('.script-runner');
    for (const actor of everyone()) {
      await runner(actor).waitFor({ state: 'attached' });
      await openExercise(actor);
      await runner(actor).waitFor();
    }

    // Step 1: Alex speaks (English), Sam listens (Spanish).
    await alex.page.getByText('Your turn').waitFor();
    await alex.page.getByText('You have the floor.', { exact: false }).waitFor();
    await sam.page.getByText('Escuche para entender.', { exact: false }).waitFor();
    expect(await sam.page.getByText('You have the floor.', { exact: false }).count()).toBe(0);
    await sam.page.getByText('Paso 1 de 4').waitFor();
    await screenshot(alex.page, 'script-runner-1280');
    await screenshot(therapist.page, 'script-runner-therapist-1280');
    await screenshot(sam.page, 'script-runner-375-es');
    a11y['alex: script'] = await seriousA11yViolations(alex.page);
    a11y['sam: script'] = await seriousA11yViolations(sam.page);

    // Alex finishes the turn early; the therapist moves on.
    await alex.page.getByRole('button', { name: "I'm done" }).click();
    await t.getByText('Alex is done with this turn.').waitFor();
    await t.getByRole('button', { name: 'Next step' }).click();
    await alex.page.getByText('Step 2 of 4').waitFor();
    await sam.page.getByText('Su turno').waitFor();
    await sam.page.getByText('Diga lo que escuchó', { exact: false }).waitFor();

    // Swap: now Sam is the speaker and Alex the listener.
    await t.getByRole('button', { name: 'Swap roles' }).click();
    await alex.page.getByText('Your turn').waitFor();
    await alex.page.getByText('Say back what you heard', { exact: false }).waitFor();
    await alex.page.getByText('Your role: Listener').waitFor();
    await sam.page.getByText('Su papel: Quien habla').waitFor();

    await t.getByRole('button', { name: 'Next step' }).click();
    await sam.page.getByText('Paso 3 de 4').waitFor();
    await sam.page.getByText('Diga si era eso', { exact: false }).waitFor();
    await t.getByRole('button', { name: 'Next step' }).click();
    await alex.page.getByText('Step 4 of 4').waitFor();
    await t.getByRole('button', { name: 'Finish' }).click();
    for (const actor of everyone()) await expect.poll(() => runner(actor).count(), POLL).toBe(0);
    await alex.page.getByText('The exercise has ended.').waitFor();
  });

  it('has no serious accessibility violations, page errors or missing strings', () => {
    expect(Object.entries(a11y).filter(([, v]) => v.length > 0)).toEqual([]);
    for (const actor of everyone()) {
      expect(actor.errors).toEqual([]);
      expect(actor.missingKeys).toEqual([]);
    }
  });
});

/** The pause countdown's server deadline, the page's clock offset, and the page's clock when read. */
async function readCountdown(page: Page): Promise<{ deadline: number; offset: number; at: number }> {
  const el = page.locator('.pause-countdown');
  await el.waitFor({ timeout: 15_000 });
  await expect.poll(() => el.getAttribute('data-deadline'), POLL).not.toBe('');
  return el.evaluate((node) => ({
    deadline: Number((node as HTMLElement).dataset['deadline']),
    offset: Number((node as HTMLElement).dataset['offset']),
    at: Date.now(),
  }));
}
