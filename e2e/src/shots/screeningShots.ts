/**
 * Screenshots for people to look at (not a test): a partner's safety details form and a private screening on their
 * own page, "where are you right now" in the waiting room, the therapist's safety section on the couple's page and
 * the whereabouts beside each partner in the room, at 375, 412, 1280 and 1920 wide, in English and Spanish.
 * Run after `npm run build`: `npx tsx e2e/src/shots/screeningShots.ts [outDir]` (default /tmp/shots-screening).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SAFETY_SCREENING_ID, TELEHEALTH_CONSENT, type IssuedCaseLinkDto } from '@tandem/shared';
import { newActor } from '../browser.js';
import { api, jointSession } from '../scenario.js';
import { SHOT_LANGUAGES, atEachSize, runShots, storeLanguage } from './shoot.js';

const outDir = process.argv[2] ?? '/tmp/shots-screening';

runShots(outDir, async ({ app, browser, dir }) => {
  const s = await jointSession(app, browser);
  const tc = s.therapistCookie;
  const sid = s.session.session.id;
  const [alex, sam] = s.couple.partners;
  if (!alex || !sam) throw new Error('two partners expected');
  const caseCookie = async (partnerId: string) => {
    const link = await api<IssuedCaseLinkDto>(app, 'POST', `/couples/${s.couple.id}/case-links/${partnerId}`, {}, tc);
    const r = await api(app, 'POST', '/me/redeem', { token: link.data.url.split('#')[1] });
    const cookie = r.setCookie[0]!.split(';')[0]!;
    // The policy read once (its own screen has its own pictures): the page itself opens.
    await api(app, 'POST', '/me/policy/acknowledge', { version: 1 }, cookie);
    return cookie;
  };
  const alexCase = await caseCookie(alex.id);
  const samCase = await caseCookie(sam.id);
  await api(
    app,
    'PUT',
    '/me/intake',
    {
      contactName: 'Robin Díaz',
      contactPhone: '+56 9 5555 0134',
      contactRelation: 'Sister',
      address: 'Av. Providencia 1234, depto 56, Santiago',
      country: 'CL',
      consent: true,
      consentVersion: TELEHEALTH_CONSENT.version,
    },
    alexCase,
  );
  await api(app, 'POST', `/couples/${s.couple.id}/partners/${alex.id}/screenings`, {}, tc);

  const shoot = async (page: Page, name: string, lang: string, locator?: string) =>
    atEachSize(page, async (width) => {
      const file = path.join(dir, `${name}-${width}-${lang}.png`);
      if (locator) await page.locator(locator).screenshot({ path: file });
      else await page.screenshot({ path: file, fullPage: true });
    });
  const caseActor = async (name: string, cookie: string) => {
    const actor = await newActor(browser, name, { baseURL: app.url });
    await actor.context.addCookies([
      { name: cookie.split('=')[0]!, value: cookie.split('=')[1]!, url: `${app.url}/api/me` },
    ]);
    await actor.page.goto('/me');
    return actor;
  };

  // The partner pages: Sam's safety details form (not given yet), Alex's screening.
  const samPage = await caseActor('sam-case', samCase);
  const alexPage = await caseActor('alex-case', alexCase);
  for (const lang of SHOT_LANGUAGES) {
    await storeLanguage(samPage.page, lang);
    await samPage.page.locator('[data-section="intake"] form').waitFor();
    await shoot(samPage.page, 'intake-form', lang, '[data-section="intake"]');
    await shoot(samPage.page, 'me-top', lang);
    await storeLanguage(alexPage.page, lang);
    await alexPage.page.locator('[data-section="screening"] form').waitFor();
    await shoot(alexPage.page, 'screening-form', lang, '[data-section="screening"]');
  }
  // Alex answers (with risk), and is somewhere else, not private, for this session.
  const me = await api<{ screening: { id: string } }>(app, 'GET', '/me/safety', undefined, alexCase);
  await api(
    app,
    'POST',
    `/me/screenings/${me.data.screening.id}`,
    {
      instrumentId: SAFETY_SCREENING_ID,
      instrumentVersion: 1,
      answers: {
        'unsafe-home': 1,
        afraid: 2,
        hurt: 0,
        threats: 0,
        control: 1,
        monitoring: 3,
        pressure: 0,
        'held-back': 2,
        'joint-safe': 1,
        'anything-else': 'I would rather talk about the money alone first.',
      },
    },
    alexCase,
  );
  await alexPage.page.reload();
  await alexPage.page.locator('[data-section="intake"] dl').waitFor();
  for (const lang of SHOT_LANGUAGES) {
    await storeLanguage(alexPage.page, lang);
    await shoot(alexPage.page, 'intake-summary', lang, '[data-section="intake"]');
  }
  const alexJoin = await api(app, 'POST', '/join/redeem', { token: s.inviteFor('Alex').split('#')[1] });
  const alexGuest = alexJoin.setCookie[0]!.split(';')[0]!;
  await api(
    app,
    'PUT',
    `/join/${sid}/location`,
    { usual: false, address: 'Hotel Centro, room 12, Valparaíso', country: 'CL', private: false },
    alexGuest,
  );

  // Sam in the waiting room: where are you right now.
  await s.sam.page.goto(s.inviteFor('Sam'));
  await s.sam.page.getByRole('button', { name: 'I understand' }).click();
  await s.sam.page.locator('[data-section="location"] form').waitFor();
  for (const lang of SHOT_LANGUAGES) {
    await storeLanguage(s.sam.page, lang);
    await s.sam.page.locator('[data-section="location"] form').waitFor();
    await shoot(s.sam.page, 'waiting-location', lang);
  }

  // The therapist: the couple's safety section, and the room.
  const t = s.therapist.page;
  await t.goto(`/couples/${s.couple.id}`);
  await t.locator('[data-section="couple-safety"] [data-flag="risk"]').waitFor();
  for (const lang of SHOT_LANGUAGES) {
    await storeLanguage(t, lang);
    await t.locator('[data-section="couple-safety"] details summary').first().click();
    await shoot(t, 'couple-safety', lang, '[data-section="couple-safety"]');
  }
  await t.goto(`/sessions/${sid}`);
  await t.locator('[data-section="whereabouts"] .whereabouts-item').first().waitFor();
  for (const lang of SHOT_LANGUAGES) {
    await storeLanguage(t, lang);
    await t.locator('[data-section="whereabouts"] .whereabouts-item').first().waitFor();
    await atEachSize(t, async (width) => {
      // A phone shows the side panel in its own tab.
      const panelTab = t.locator('.room-tab[data-tab="private"]');
      if (await panelTab.isVisible()) await panelTab.click();
      const section = t.locator('[data-section="whereabouts"]');
      if (await section.isVisible()) {
        await section.scrollIntoViewIfNeeded();
        await section.screenshot({ path: path.join(dir, `room-whereabouts-${width}-${lang}.png`) });
      }
      await t.screenshot({ path: path.join(dir, `room-${width}-${lang}.png`) });
    });
  }
  console.log(`saved to ${dir}`);
});
