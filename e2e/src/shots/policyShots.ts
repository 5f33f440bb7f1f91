/**
 * Screenshots for people to look at (not a test): the confidentiality policy's acknowledgement screen on the join
 * page (a changed policy with the therapist's own words) and on a partner's own page, the partner's policy section
 * with the download of their data, and the couple page's policy section with its history open, at 375, 412, 1280
 * and 1920 wide, in English and Spanish.
 * Run after `npm run build`: `npx tsx e2e/src/shots/policyShots.ts [outDir]` (default /tmp/shots-policy).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { IssuedCaseLinkDto, PartnerSummaryDto } from '@tandem/shared';
import { newActor } from '../browser.js';
import { api, jointSession } from '../scenario.js';
import { SHOT_LANGUAGES, atEachSize, runShots, storeLanguage } from './shoot.js';

const outDir = process.argv[2] ?? '/tmp/shots-policy';

runShots(outDir, async ({ app, browser, dir }) => {
  const s = await jointSession(app, browser);
  const tc = s.therapistCookie;
  const [alex, sam] = s.couple.partners;
  if (!alex || !sam) throw new Error('two partners expected');
  const caseCookie = async (partnerId: string) => {
    const link = await api<IssuedCaseLinkDto>(app, 'POST', `/couples/${s.couple.id}/case-links/${partnerId}`, {}, tc);
    const r = await api(app, 'POST', '/me/redeem', { token: link.data.url.split('#')[1] });
    return r.setCookie[0]!.split(';')[0]!;
  };
  const alexCase = await caseCookie(alex.id);
  const samCase = await caseCookie(sam.id);

  // History: Alex read version 1; a summary released to the couple under it; then version 2 with own words.
  await api(app, 'POST', '/me/policy/acknowledge', { version: 1 }, alexCase);
  const first = s.session.session.id;
  await api(app, 'POST', `/sessions/${first}/end`, {}, tc);
  const draft = {
    include: { map: false, exercises: false, task: false, nextSession: false },
    message: 'Thank you both for today.',
    language: 'en',
  };
  const saved = await api<PartnerSummaryDto>(app, 'PUT', `/sessions/${first}/summaries/couple`, draft, tc);
  await api(app, 'POST', `/sessions/${first}/summaries/couple/release`, { contentHash: saved.data.contentHash }, tc);
  await api(
    app,
    'PUT',
    `/couples/${s.couple.id}/policy`,
    {
      kind: 'limited-secrets',
      words:
        'If something you tell me alone matters for your work together, I will talk it over with you first and help you say it in your own words.',
      baseVersion: 1,
    },
    tc,
  );
  await api(app, 'POST', '/me/policy/acknowledge', { version: 2 }, alexCase);
  const next = await api<{ session: { id: string }; invites: { partnerId: string; url: string }[] }>(
    app,
    'POST',
    '/sessions',
    { coupleId: s.couple.id, kind: 'joint' },
    tc,
  );

  const shoot = async (page: Page, name: string, lang: string, locator?: string) =>
    atEachSize(page, async (width) => {
      const file = path.join(dir, `${name}-${width}-${lang}.png`);
      if (locator) await page.locator(locator).screenshot({ path: file });
      else await page.screenshot({ path: file, fullPage: true });
    });

  // Sam's join page: the changed policy, before the waiting room.
  const samJoin = s.sam.page;
  await samJoin.goto(next.data.invites.find((i) => i.partnerId === sam.id)!.url);
  await samJoin.waitForURL('**/s/**');
  for (const lang of SHOT_LANGUAGES) {
    await storeLanguage(samJoin, lang);
    await samJoin.locator('[data-view="policy"] .policy-words').waitFor();
    await shoot(samJoin, 'join-policy', lang);
  }

  // Sam's own page: closed until the new version is acknowledged; then the policy section.
  const samPage = (await newActor(browser, 'sam-case', { baseURL: app.url })).page;
  await samPage
    .context()
    .addCookies([{ name: samCase.split('=')[0]!, value: samCase.split('=')[1]!, url: `${app.url}/api/me` }]);
  await samPage.goto('/me');
  for (const lang of SHOT_LANGUAGES) {
    await storeLanguage(samPage, lang);
    await samPage.locator('[data-view="policy-gate"]').waitFor();
    await shoot(samPage, 'me-policy-gate', lang);
  }
  await api(app, 'POST', '/me/policy/acknowledge', { version: 2 }, samCase);
  await samPage.reload();
  for (const lang of SHOT_LANGUAGES) {
    await storeLanguage(samPage, lang);
    await samPage.locator('[data-section="policy"]').waitFor();
    await shoot(samPage, 'me-policy-section', lang, '[data-section="policy"]');
  }

  // The therapist: the couple page's policy section with the history open.
  const t = s.therapist.page;
  await t.goto(`/couples/${s.couple.id}`);
  for (const lang of SHOT_LANGUAGES) {
    await storeLanguage(t, lang);
    await t.locator('[data-section="policy"] [data-part="history"] summary').click();
    await t.locator('[data-section="policy"] [data-part="history"] ul').first().waitFor();
    await shoot(t, 'couple-policy', lang, '[data-section="policy"]');
  }
  console.log(`saved to ${dir}`);
});
