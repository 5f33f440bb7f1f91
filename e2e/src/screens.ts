/**
 * A screenshot tool, not a test: every state of the session room at 375, 412, 1280 and 1920 px, in English and
 * Spanish, into SHOTS_DIR (default /tmp/shots-console), then the therapist's pages (setup with a refusal, sign-in,
 * dashboard, couple page with the title editor, the end screen, the notes). Run after `npm run build`:
 *   npx tsx e2e/src/screens.ts
 * SHOTS_ONLY=therapist takes the therapist's pages alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CreatedSessionDto, IssuedInviteDto } from '@tandem/shared';
import { startApp, type RunningApp } from './app.js';
import { launchChromium, newActor } from './browser.js';
import { api, jointSession, type Scenario } from './scenario.js';

const DIR = process.env['SHOTS_DIR'] ?? '/tmp/shots-console';
const DESKS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];
const PHONES = [
  { width: 375, height: 667 },
  { width: 412, height: 915 },
];
const ALL = [...PHONES, ...DESKS];

async function shoot(page: Page, name: string, sizes: { width: number; height: number }[]) {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.waitForTimeout(250); // a screenshot tool: let the layout settle for the picture
    await page.screenshot({ path: path.join(DIR, `${name}-${size.width}.png`) });
  }
}

/** A whole page (scrolling pages: the full length), at every width. */
async function shootPage(page: Page, name: string) {
  for (const size of ALL) {
    await page.setViewportSize(size);
    await page.waitForTimeout(250); // a screenshot tool: let the layout settle for the picture
    await page.screenshot({ path: path.join(DIR, `${name}-${size.width}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKS[0] ?? { width: 1280, height: 800 });
}

/** Setup's refusal (before any account exists), in English and Spanish. */
async function setupPages(app: RunningApp, browser: Browser) {
  const visitor = await newActor(browser, 'visitor', { baseURL: app.url });
  const page = visitor.page;
  for (const lang of ['en', 'es'] as const) {
    await page.goto('/setup');
    await page.locator(`.language-switcher [lang=${lang}]`).click();
    await page.locator('input[name=setupToken]').fill('not-the-code-0123456789');
    await page.locator('input[name=name]').fill('Dr Rivera');
    await page.locator('input[type=email]').fill('rivera@example.org');
    await page.locator('input[type=password]').fill('correct horse battery');
    await page.locator('button[type=submit]').click();
    await page.locator('[data-error-code=SETUP_TOKEN_INVALID]').waitFor();
    await shootPage(page, `setup-refused-${lang}`);
  }
  await page.locator('.language-switcher [lang=en]').click();
  await visitor.context.close();
}

/** The therapist's own pages around a session: sign-in, dashboard, couple page, end screen, notes. */
async function therapistPages(app: RunningApp, browser: Browser, s: Scenario) {
  const visitor = await newActor(browser, 'visitor', { baseURL: app.url });
  await visitor.page.goto('/login');
  await visitor.page.locator('button[type=submit]').waitFor();
  await shootPage(visitor.page, 'login-en');
  await visitor.context.close();
  const t = s.therapist.page;
  for (const lang of ['en', 'es'] as const) {
    await t.goto('/');
    await t.locator('.couple-item').first().waitFor();
    await t.locator(`.language-switcher [lang=${lang}]`).click();
    await shootPage(t, `dashboard-${lang}`);
    await t.goto(`/couples/${s.couple.id}`);
    await t.locator('.session-item').first().waitFor();
    await t
      .locator('.session-item button:has-text("Edit title"), .session-item button:has-text("Editar el título")')
      .first()
      .click();
    await shootPage(t, `couple-${lang}`);
  }
  const id = s.session.session.id;
  await t.goto(`/sessions/${id}`);
  await t.getByRole('button', { name: /^(End session|Terminar sesión)/ }).click();
  await t
    .getByRole('alertdialog')
    .getByRole('button', { name: /^(End session|Terminar la sesión)/ })
    .click();
  await t.locator('[data-view="therapist-ended"]').waitFor();
  for (const lang of ['en', 'es'] as const) {
    await t.locator(`.language-switcher [lang=${lang}]`).click();
    await shootPage(t, `therapist-ended-${lang}`);
  }
  await t.goto(`/sessions/${id}/notes`);
  await t.locator('h1').waitFor();
  await shootPage(t, 'notes-es');
  await t.locator('.language-switcher [lang=en]').click();
}

async function setLanguage(page: Page, lang: 'en' | 'es') {
  const button = page.locator(`.language-switcher [lang=${lang}]`);
  if (!(await button.isVisible())) await page.getByRole('tab', { name: /^(Call|Llamada)/ }).click();
  await button.click();
}

/** The partner's pages before the room, at 375, 412 and 1280 px, whole pages (they scroll). */
const JOIN_SIZES = [PHONES[0], PHONES[1], DESKS[0]].filter((v) => v !== undefined);

async function shootJoinPage(page: Page, name: string) {
  for (const size of JOIN_SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(250); // a screenshot tool: let the layout settle for the picture
    await page.screenshot({ path: path.join(DIR, `${name}-${size.width}.png`), fullPage: true });
  }
}

/** `/` without a link, incomplete and old links, the policy and waiting pages with the device check, a return. */
async function joinScreens(app: RunningApp, browser: Browser) {
  const s = await jointSession(app, browser);
  const at = new Date(Date.now() + 2 * 86_400_000);
  at.setUTCHours(16, 30, 0, 0);
  const { data: created } = await api<CreatedSessionDto>(
    app,
    'POST',
    '/sessions',
    { coupleId: s.couple.id, kind: 'joint', scheduledAt: at.toISOString() },
    s.therapistCookie,
  );
  const linkOf = (name: string) => {
    const id = s.couple.partners.find((p) => p.displayName === name)?.id;
    return created.invites.find((i) => i.partnerId === id)?.url ?? '';
  };
  const t = s.therapist.page;
  await t.goto(`/sessions/${created.session.id}`);
  for (const lang of ['en', 'es'] as const) {
    const visitor = await newActor(browser, `visitor-${lang}`, {
      baseURL: app.url,
      locale: lang === 'es' ? 'es-ES' : 'en-US',
      timezoneId: 'Europe/Madrid',
    });
    const v = visitor.page;
    await v.goto('/');
    await v.locator('[data-view="no-link"]').waitFor();
    await shootJoinPage(v, `join-no-link-${lang}`);
    await v.goto('/join#abc123');
    await v.locator('[data-view="link-incomplete"]').waitFor();
    await shootJoinPage(v, `join-link-incomplete-${lang}`);
    await v.goto(`/join#${'A'.repeat(43)}`);
    await v.locator('[data-view="link-invalid"]').waitFor();
    await shootJoinPage(v, `join-link-invalid-${lang}`);

    const name = lang === 'en' ? 'Alex' : 'Sam';
    await v.goto(linkOf(name));
    await v.locator('[data-view="policy"]').waitFor();
    await v.locator(`.language-switcher [lang=${lang}]`).click();
    await shootJoinPage(v, `join-policy-${lang}`);
    await v.locator('[data-view="policy"] .btn-primary').click();
    await v.locator('[data-view="waiting"]').waitFor();
    await shootJoinPage(v, `join-waiting-${lang}`);
    await v.locator('.device-check .btn').click();
    await v
      .locator('.device-check figure.tile video')
      .evaluate(
        (el: HTMLVideoElement) =>
          new Promise<void>((resolve) =>
            el.videoWidth > 0 ? resolve() : el.addEventListener('resize', () => resolve()),
          ),
      );
    await shootJoinPage(v, `join-waiting-check-${lang}`);
    // The room opens as a phone's would (Call tab first), then the shots widen it.
    await v.setViewportSize(PHONES[0] ?? { width: 375, height: 667 });
    await t.getByRole('button', { name: `Admit ${name}` }).click();
    await v.locator('.video-preview .btn-primary').waitFor();
    await shootJoinPage(v, `join-room-preview-${lang}`);

    // Back after a quick exit, with a new link: waiting to be let back in.
    await v.locator('button.quick-exit').first().click();
    await v.waitForURL('**/neutral.html');
    const id = s.couple.partners.find((p) => p.displayName === name)?.id ?? '';
    const { data: again } = await api<IssuedInviteDto>(
      app,
      'POST',
      `/sessions/${created.session.id}/invites/${id}`,
      undefined,
      s.therapistCookie,
    );
    await v.goto(again.url);
    await v.locator(`.language-switcher [lang=${lang}]`).click();
    await v.locator('[data-view="policy"] .btn-primary').click();
    await v.locator('[data-view="waiting"][data-returning]').waitFor();
    await shootJoinPage(v, `join-waiting-returning-${lang}`);
    await visitor.context.close();
  }
}

async function main() {
  fs.mkdirSync(DIR, { recursive: true });
  const app = await startApp();
  const browser = await launchChromium();
  try {
    // SHOTS_ONLY=join takes only the partner's pages before the room.
    if (process.env['SHOTS_ONLY'] === 'join') return await joinScreens(app, browser);
    await setupPages(app, browser);
    const s = await jointSession(app, browser);
    if (process.env['SHOTS_ONLY'] === 'therapist') {
      await therapistPages(app, browser, s);
      return;
    }
    const t = s.therapist.page;
    await t.goto(`/sessions/${s.session.session.id}`);
    // Join once the room is connected (a join sent before is lost); in the call shows as Leave call.
    await t.locator('.room-bar .connection[data-connection="connected"]').waitFor({ state: 'attached' });
    await t.getByRole('button', { name: 'Join the call' }).click();
    await t.getByRole('button', { name: 'Leave call' }).waitFor();
    await shoot(t, 'therapist-0-partners', DESKS);

    await s.alex.page.goto(s.inviteFor('Alex'));
    await s.alex.page.getByRole('button', { name: 'I understand' }).click();
    await t.getByRole('button', { name: 'Admit Alex' }).waitFor();
    await shoot(t, 'therapist-waiting', DESKS);
    await t.getByRole('button', { name: 'Admit Alex' }).click();
    await s.alex.page.locator('.room-bar .connection[data-connection="connected"]').waitFor({ state: 'attached' });
    await s.alex.page.getByRole('button', { name: 'Join the call' }).click();
    await s.alex.page.getByRole('button', { name: 'Leave call' }).waitFor();
    await shoot(t, 'therapist-1-partner', DESKS);

    await s.sam.page.goto(s.inviteFor('Sam'));
    await s.sam.page.getByRole('button', { name: 'I understand' }).click();
    await t.getByRole('button', { name: 'Admit Sam' }).click();
    const sam = s.sam.page;
    await sam.locator('.room-bar .connection[data-connection="connected"]').waitFor({ state: 'attached' });
    await sam.getByRole('button', { name: 'Join the call' }).click();
    await sam.getByRole('button', { name: 'Leave call' }).waitFor();
    await t.locator('figure.tile[data-person="Sam"]').waitFor({ state: 'attached' });
    for (const lang of ['en', 'es'] as const) {
      await setLanguage(t, lang);
      await setLanguage(sam, lang);
      await shoot(t, `therapist-2-partners-map-${lang}`, DESKS);
      // Gallery (the default) above; the speaker view, then with Sam pinned, then full screen.
      const speakerView = t.getByRole('button', { name: /^(Speaker view|Vista de orador)$/ });
      await speakerView.click();
      await shoot(t, `therapist-speaker-${lang}`, DESKS);
      await t.getByRole('button', { name: /^(Pin|Fijar a) Sam$/ }).click();
      await shoot(t, `therapist-speaker-pinned-${lang}`, DESKS);
      await t.getByRole('button', { name: /^(Full screen|Pantalla completa)$/ }).click();
      await t.getByRole('button', { name: /^(Exit full screen|Salir de pantalla completa)$/ }).waitFor();
      await shoot(t, `therapist-fullscreen-${lang}`, DESKS);
      await t.getByRole('button', { name: /^(Exit full screen|Salir de pantalla completa)$/ }).click();
      await t.getByRole('button', { name: /^(Unpin|Dejar de fijar a) Sam$/ }).click();
      await speakerView.click();
      await t.getByRole('button', { name: /^(Therapist panel|Panel de terapia)/ }).click();
      await shoot(t, `therapist-panel-collapsed-${lang}`, DESKS);
      // The video column widened as far as it goes (the map keeps 60 % of the width), in gallery and speaker view.
      await t.getByRole('separator', { name: /^(Resize|Cambiar el tamaño): (Video|Vídeo)$/ }).focus();
      await t.keyboard.press('End');
      await shoot(t, `therapist-video-wide-${lang}`, DESKS);
      await t.getByRole('button', { name: /^(Speaker view|Vista de orador)$/ }).click();
      await shoot(t, `therapist-video-wide-speaker-${lang}`, DESKS);
      await t.getByRole('button', { name: /^(Speaker view|Vista de orador)$/ }).click();
      await t.getByRole('separator', { name: /^(Resize|Cambiar el tamaño): (Video|Vídeo)$/ }).focus();
      await t.keyboard.press('Home');
      await t.getByRole('button', { name: /^(Therapist panel|Panel de terapia)/ }).click();
      for (const tab of ['Call', 'Map', 'Exercise', 'Private'] as const) {
        const names = {
          Call: /^(Call|Llamada)/,
          Map: /^(Map|Mapa)/,
          Exercise: /^(Exercise|Ejercicio)/,
          Private: /^(Private|Privado)/,
        };
        await sam.getByRole('tab', { name: names[tab] }).click();
        await shoot(sam, `partner-${tab.toLowerCase()}-${lang}`, PHONES);
      }
      await sam.getByRole('tab', { name: /^(Call|Llamada)/ }).click();
      // A partner's phone in full screen: the others large, the way out and the quick exit on top.
      await sam.getByRole('button', { name: /^(Full screen|Pantalla completa)$/ }).click();
      await sam.getByRole('button', { name: /^(Exit full screen|Salir de pantalla completa)$/ }).waitFor();
      await sam.screenshot({ path: path.join(DIR, `partner-fullscreen-${lang}-${sam.viewportSize()?.width}.png`) });
      await sam.getByRole('button', { name: /^(Exit full screen|Salir de pantalla completa)$/ }).click();
      await t.getByRole('tab', { name: /^(Exercise|Ejercicio)/ }).click();
      await shoot(t, `therapist-exercise-picker-${lang}`, DESKS);
      await t.getByRole('button', { name: /^(Start exercise|Comenzar el ejercicio|Empezar)/ }).click();
      await t.locator('.script-runner').waitFor();
      await sam.locator('.script-runner').waitFor();
      await shoot(t, `therapist-exercise-running-${lang}`, DESKS);
      await shoot(sam, `partner-exercise-running-${lang}`, PHONES);
      await t
        .getByRole('button', { name: /^(End exercise|End the exercise|Terminar ejercicio|Terminar el ejercicio)/ })
        .first()
        .click();
      await t.locator('.pause-call-group .btn-pause').first().click();
      await t.locator('.pause-countdown').waitFor();
      await sam.locator('.pause-countdown').waitFor();
      await shoot(t, `therapist-pause-${lang}`, DESKS);
      await shoot(sam, `partner-pause-${lang}`, PHONES);
      await sam.setViewportSize({ width: 740, height: 375 });
      await sam.screenshot({ path: path.join(DIR, `partner-pause-landscape-${lang}.png`) });
      await t.getByRole('button', { name: /^(End the pause|Terminar la pausa)/ }).click();
      await sam.locator('.pause-countdown').waitFor({ state: 'detached' });
      await sam.screenshot({ path: path.join(DIR, `partner-landscape-${lang}.png`) });
      await t.getByRole('tab', { name: /^(Map|Mapa)/ }).click();
    }
    await shoot(s.alex.page, 'partner-laptop', DESKS);
    await therapistPages(app, browser, s);
    await joinScreens(app, browser);
  } catch (e) {
    for (const c of browser.contexts())
      for (const [i, p] of c.pages().entries())
        await p.screenshot({ path: path.join(DIR, `fail-${browser.contexts().indexOf(c)}-${i}.png`) });
    throw e;
  } finally {
    await browser.close();
    await app.dispose();
  }
}

await main();
