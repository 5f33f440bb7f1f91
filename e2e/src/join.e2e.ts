/**
 * The partner's way in, as people really arrive: without their link, with half of it, with an old one and then the
 * new one in the same tab, waiting for a scheduled session while checking their camera, and coming back after
 * leaving. English, and Spanish on a phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { CreatedSessionDto, IssuedInviteDto } from '@tandem/shared';
import { startApp, type RunningApp } from './app.js';
import { PHONE, launchChromium, newActor, seriousA11yViolations, type Actor, chooseLanguage, POLL } from './browser.js';
import { api, jointSession, type Scenario } from './scenario.js';

const oneSpace = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('the partner’s way in', () => {
  let app: RunningApp;
  let browser: Browser;
  let s: Scenario;
  const actors: Actor[] = [];
  const a11y: Record<string, string[]> = {};
  const scan = async (actor: Actor, name: string) => {
    a11y[name] = await seriousA11yViolations(actor.page);
  };
  const person = async (name: string, options: Partial<Parameters<typeof newActor>[2]> = {}) => {
    const actor = await newActor(browser, name, { baseURL: app.url, ...options });
    actors.push(actor);
    return actor;
  };

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('shows someone who opens / without a link what to do, the same before and after an account exists', async () => {
    const visitor = await person('visitor');
    const { page } = visitor;
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Looking for your session?' }).waitFor();
    await page.getByText('open the private link your therapist sent you').waitFor();
    await page.getByText('Ask your therapist to send you a new one').waitFor();
    const before = await page.locator('main').innerText();
    await scan(visitor, 'no link (en)');

    // A therapist account now exists: the page reads exactly the same (it tells nobody whether one does).
    s = await jointSession(app, browser);
    actors.push(s.therapist, s.alex, s.sam);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Looking for your session?' }).waitFor();
    expect(await page.locator('main').innerText()).toBe(before);
    expect(page.url()).toBe(`${app.url}/`);

    // The therapist's small way in.
    await page.getByRole('link', { name: "I'm the therapist: sign in" }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

    // A signed-in therapist still lands on the dashboard.
    await s.therapist.page.goto('/');
    await s.therapist.page.getByRole('link', { name: 'New couple' }).waitFor();

    const es = await person('visitante', { locale: 'es-ES', viewport: PHONE });
    await es.page.goto('/');
    await es.page.getByRole('heading', { level: 1, name: '¿Busca su sesión?' }).waitFor();
    await es.page.getByRole('link', { name: 'Soy terapeuta: iniciar sesión' }).waitFor();
    await scan(es, 'sin enlace (es, phone)');
  });

  it('says a cut-short link is incomplete, an old one no longer works, and opens a new one in the same tab', async () => {
    const alex = await person('alex-tab');
    const { page } = alex;
    const link = new URL(s.inviteFor('Alex'));
    const token = link.hash.slice(1);

    await page.goto(`/join#${token.slice(0, 30)}`);
    await page.getByRole('heading', { level: 1, name: 'This link looks incomplete' }).waitFor();
    await page.getByText('copy the whole link').waitFor();
    await page.getByText('ask your therapist for a new link').waitFor();
    expect(await page.getByText('no longer works').count()).toBe(0);
    expect(page.url()).not.toContain('#');
    await scan(alex, 'link incomplete (en)');

    // No code at all reads the same.
    await page.goto('/join');
    await page.getByRole('heading', { level: 1, name: 'This link looks incomplete' }).waitFor();

    // A whole code the server does not know (expired, revoked, made up): "no longer works", nothing more.
    await page.goto(`/join#${'A'.repeat(43)}`);
    await page.getByRole('heading', { level: 1, name: "We couldn't open this session" }).waitFor();
    await page.getByText('This link no longer works. Ask your therapist for a new one.').waitFor();
    await scan(alex, 'link no longer works (en)');

    // The right link, opened in the same tab (only the fragment changes: no page load).
    await page.goto(link.pathname + link.hash);
    await page.waitForURL('**/s/**');
    await page.getByRole('button', { name: 'I understand' }).waitFor();
    expect(page.url()).not.toContain('#');

    const es = await person('sam-tab', { locale: 'es-ES', viewport: PHONE });
    await es.page.goto(`/join#${token.slice(0, 12)}`);
    await es.page.getByRole('heading', { level: 1, name: 'Este enlace parece incompleto' }).waitFor();
    await scan(es, 'enlace incompleto (es, phone)');
    await es.page.goto(`/join#${'B'.repeat(43)}`);
    await es.page.getByText('Este enlace ya no funciona. Pida uno nuevo a su terapeuta.').waitFor();
    await scan(es, 'enlace que ya no funciona (es, phone)');
  });

  it('shows the scheduled time and a camera and microphone check in the waiting room; the call starts with it', async () => {
    // A session planned in two days at 09:04 UTC, read in New York by Alex and in Madrid by Sam.
    const at = new Date(Date.now() + 2 * 86_400_000);
    at.setUTCHours(9, 4, 0, 0);
    const scheduledAt = at.toISOString();
    const created = (
      await api<CreatedSessionDto>(
        app,
        'POST',
        '/sessions',
        { coupleId: s.couple.id, kind: 'joint', scheduledAt, durationMinutes: 50 },
        s.therapistCookie,
      )
    ).data;
    const linkOf = (name: string) => {
      const id = s.couple.partners.find((p) => p.displayName === name)?.id;
      return created.invites.find((i) => i.partnerId === id)?.url ?? '';
    };
    const expected = (language: string, timeZone: string) => ({
      date: new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(at),
      time: new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit', timeZone }).format(at),
    });

    const alex = await person('alex-ny', { timezoneId: 'America/New_York' });
    const page = alex.page;
    await page.goto(linkOf('Alex'));
    await page.getByRole('button', { name: 'I understand' }).waitFor();
    // The policy page carries the scheduled time too.
    await page.locator('.scheduled-time').waitFor();
    await scan(alex, 'policy (en)');
    await page.getByRole('button', { name: 'I understand' }).click();
    await page.getByText('Your therapist will let you in.').waitFor();
    const en = expected('en', 'America/New_York');
    const shown = oneSpace(await page.locator('.scheduled-time').innerText());
    expect(shown).toBe(oneSpace(`Scheduled for ${en.date} at ${en.time}`));
    expect(shown).toMatch(/AM/); // 09:04 UTC is 4:04 AM in New York

    // The check: nothing is opened until asked.
    expect(await page.locator('.device-check figure.tile').count()).toBe(0);
    await page.getByRole('button', { name: 'Test camera and microphone' }).click();
    const selfVideo = page.locator('.device-check figure.tile[data-self] video');
    await expect.poll(() => selfVideo.evaluate((v: HTMLVideoElement) => v.videoWidth), POLL).toBeGreaterThan(0);
    const meter = page.getByRole('meter', { name: 'Microphone level' });
    await expect.poll(async () => Number(await meter.getAttribute('aria-valuenow')), POLL).toBeGreaterThan(0);
    await page.getByText('Camera', { exact: true }).waitFor();
    await page.getByText('Microphone', { exact: true }).waitFor();
    await scan(alex, 'waiting room with the device check (en)');

    // Muted here, muted in the call: the meter drops to zero, and the preview after admission keeps it.
    await page.getByRole('button', { name: 'Mute' }).click();
    await expect.poll(() => meter.getAttribute('aria-valuenow'), POLL).toBe('0');
    const t = s.therapist.page;
    await t.goto(`/sessions/${created.session.id}`);
    await t.getByRole('button', { name: 'Admit Alex' }).click();
    await page.getByRole('button', { name: 'Join the call' }).waitFor();
    expect(await page.locator('figure.tile[data-self]').first().getAttribute('data-mic')).toBe('off');
    await page.getByRole('button', { name: 'Join the call' }).click();
    await page.getByRole('list', { name: 'People in this session' }).waitFor();

    // Sam, on a phone in Madrid, reads it in Spanish: no "AM" on a Spanish screen.
    const sam = await person('sam-madrid', { timezoneId: 'Europe/Madrid', viewport: PHONE });
    await sam.page.goto(linkOf('Sam'));
    await chooseLanguage(sam.page, 'es');
    await sam.page.getByRole('button', { name: 'Entiendo' }).waitFor();
    await scan(sam, 'política (es, phone)');
    await sam.page.getByRole('button', { name: 'Entiendo' }).click();
    await sam.page.getByText('Su terapeuta le dejará entrar.').waitFor();
    const es = expected('es', 'Europe/Madrid');
    const leído = oneSpace(await sam.page.locator('.scheduled-time').innerText());
    expect(leído).toBe(oneSpace(`Prevista para el ${es.date} a las ${es.time}`));
    expect(leído).not.toMatch(/AM|PM|a\. ?m\.|p\. ?m\./i);
    await sam.page.getByRole('button', { name: 'Probar cámara y micrófono' }).click();
    await sam.page.getByRole('meter', { name: 'Nivel del micrófono' }).waitFor();
    await scan(sam, 'sala de espera con la prueba (es, phone)');
    await sam.page.getByRole('button', { name: 'Terminar la prueba' }).click();
    await expect.poll(() => sam.page.locator('.device-check figure.tile').count(), POLL).toBe(0);
    // The camera is released when the test stops.
    await expect.poll(() => sam.page.evaluate(() => document.querySelectorAll('video').length), POLL).toBe(0);
  });

  it('writes clock times on the Spanish partner’s screen the Spanish way', async () => {
    const sam = actors.find((a) => a.name === 'sam-madrid');
    if (!sam) throw new Error('sam-madrid missing');
    await s.therapist.page.getByRole('button', { name: 'Admit Sam' }).click();
    const page = sam.page;
    await page.getByRole('tab', { name: /^Privado/ }).click();
    await page.getByRole('tab', { name: 'Hablar con Dr Rivera' }).click();
    await page.getByLabel('Mensaje para Dr Rivera').fill('¿Podemos empezar por lo de ayer?');
    await page.getByRole('button', { name: 'Enviar' }).click();
    const stamp = page.locator('.chat-message time').first();
    await stamp.waitFor();
    const iso = (await stamp.getAttribute('datetime')) ?? '';
    const shown = await stamp.innerText();
    const madrid = new Intl.DateTimeFormat('es', { hour: 'numeric', minute: '2-digit', timeZone: 'Europe/Madrid' });
    expect(oneSpace(shown)).toBe(oneSpace(madrid.format(new Date(iso))));
    expect(shown).not.toMatch(/AM|PM|a\. ?m\.|p\. ?m\./i);
    await scan(sam, 'sala, mensaje privado (es, phone)');
  });

  it('tells a partner who left and comes back that the therapist will let them back in', async () => {
    const alex = actors.find((a) => a.name === 'alex-ny');
    if (!alex) throw new Error('alex-ny missing');
    const { page } = alex;
    await page.getByRole('button', { name: 'Quick exit' }).click();
    await page.waitForURL('**/neutral.html');

    const sessionId = new URL(s.therapist.page.url()).pathname.split('/')[2] ?? '';
    const alexId = s.couple.partners.find((p) => p.displayName === 'Alex')?.id ?? '';
    const invite = await api<IssuedInviteDto>(
      app,
      'POST',
      `/sessions/${sessionId}/invites/${alexId}`,
      undefined,
      s.therapistCookie,
    );
    await page.goto(invite.data.url);
    await page.getByRole('button', { name: 'I understand' }).click();
    await page.getByText('Your therapist will let you back in.').waitFor();
    await page.getByText('You were in this session earlier.').waitFor();
    expect(await page.getByText('Your therapist will let you in.').count()).toBe(0);
    await scan(alex, 'waiting to be let back in (en)');
    await s.therapist.page.getByRole('button', { name: 'Admit Alex' }).click();
    await page.getByRole('button', { name: 'Join the call' }).waitFor();

    // Sam, in Spanish on the phone, the same way back.
    const sam = actors.find((a) => a.name === 'sam-madrid');
    if (!sam) throw new Error('sam-madrid missing');
    await sam.page.getByRole('button', { name: 'Salida rápida' }).click();
    await sam.page.waitForURL('**/neutral.html');
    const samId = s.couple.partners.find((p) => p.displayName === 'Sam')?.id ?? '';
    const again = await api<IssuedInviteDto>(
      app,
      'POST',
      `/sessions/${sessionId}/invites/${samId}`,
      undefined,
      s.therapistCookie,
    );
    await sam.page.goto(again.data.url);
    await chooseLanguage(sam.page, 'es');
    await sam.page.getByRole('button', { name: 'Entiendo' }).click();
    await sam.page.getByText('Su terapeuta le dejará volver a entrar.').waitFor();
    await scan(sam, 'esperando para volver a entrar (es, phone)');
  });

  it('has no serious accessibility violations, missing strings or page errors', () => {
    expect(Object.entries(a11y).filter(([, v]) => v.length > 0)).toEqual([]);
    expect(Object.keys(a11y).length).toBeGreaterThanOrEqual(13);
    for (const actor of actors) {
      expect(actor.missingKeys).toEqual([]);
      expect(actor.errors).toEqual([]);
    }
  });
});
