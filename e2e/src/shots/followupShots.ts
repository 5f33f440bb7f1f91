/**
 * Screenshots for people to look at (not a test): ending well. A partner's page in follow-up (their own charts, the
 * maintenance plan, the check-in not yet due) and the therapist's "Ending well" panel on the couple's page, at 375,
 * 412, 1280 and 1920 wide, in English and Spanish. Run after `npm run build`:
 * `npx tsx e2e/src/shots/followupShots.ts [outDir]` (default /tmp/shots-followup).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IssuedCaseLinkDto } from '@tandem/shared';
import { startApp } from '../app.js';
import { launchChromium, newActor } from '../browser.js';
import { api, jointSession } from '../scenario.js';

const outDir = process.argv[2] ?? '/tmp/shots-followup';
const WIDTHS = [375, 412, 1280, 1920] as const;
const DAY = 86_400_000;

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const app = await startApp();
  const browser = await launchChromium();
  try {
    const s = await jointSession(app, browser);
    const sid = s.session.session.id;
    const tc = s.therapistCookie;
    await api(app, 'POST', `/sessions/${sid}/end`, undefined, tc);
    const [alex, sam] = s.couple.partners;
    if (!alex || !sam) throw new Error('two partners expected');
    const cookieOf = async (partnerId: string) => {
      const link = await api<IssuedCaseLinkDto>(
        app,
        'POST',
        `/couples/${s.couple.id}/case-links/${partnerId}`,
        undefined,
        tc,
      );
      const r = await api(app, 'POST', '/me/redeem', { token: link.data.url.split('#')[1] });
      const cookie = r.setCookie[0]!.split(';')[0]!;
      // The policy read once (its own screen has its own pictures): the page itself opens.
      await api(app, 'POST', '/me/policy/acknowledge', { version: 1 }, cookie);
      return cookie;
    };
    const alexCookie = await cookieOf(alex.id);
    const samCookie = await cookieOf(sam.id);
    for (const [cookie, connection] of [
      [alexCookie, 4],
      [samCookie, 7],
    ] as const) {
      await api(
        app,
        'PUT',
        '/me/weekly',
        {
          instrumentId: 'tandem.weekly-ratings',
          instrumentVersion: 1,
          answers: { connection, trust: 6, closeness: 5 },
        },
        cookie,
      );
      for (const [daysAgo, durationMin, repairMin, pauseUsed] of [
        [40, 90, 600, false],
        [26, 60, 300, false],
        [12, 35, 120, true],
        [3, 20, 45, true],
      ] as const) {
        await api(
          app,
          'POST',
          '/me/conflicts',
          {
            occurredAt: new Date(Date.now() - daysAgo * DAY).toISOString(),
            durationMin,
            repairMin,
            pauseUsed,
            helped: null,
          },
          cookie,
        );
      }
    }
    const base = `/couples/${s.couple.id}`;
    await api(app, 'PUT', `${base}/case-status`, { status: 'ending' }, tc);
    await api(
      app,
      'PUT',
      `${base}/maintenance`,
      {
        a: {
          warningSigns: 'I go quiet at dinner and start working late.',
          commitments: 'Say “I need a minute” and come back within the hour.',
        },
        b: {
          warningSigns: 'I ask the same question again and again.',
          commitments: 'Ask once, then wait; take the walk we agreed.',
        },
        pauseRitual: 'Twenty minutes apart, then ten minutes on the couch, phones away.',
        comeBack: 'Two weeks of distance in a row, or a fight that does not repair within a day.',
        includeMap: true,
      },
      tc,
    );
    await api(app, 'PUT', `${base}/case-status`, { status: 'follow-up' }, tc);
    const samToken = samCookie.split('=')[1] ?? '';
    const therapistToken = tc.split('=')[1] ?? '';

    for (const language of ['en', 'es'] as const) {
      for (const width of WIDTHS) {
        const viewport = { width, height: width < 500 ? 800 : 900 };
        const name = (what: string) => path.join(outDir, `${what}-${width}-${language}.png`);
        const partner = await newActor(browser, 'sam', { baseURL: app.url, viewport });
        await partner.context.addCookies([{ name: 'tandem_case', value: samToken, url: `${app.url}/api/me` }]);
        await partner.page.goto('/me');
        await partner.page.evaluate((lang) => sessionStorage.setItem('tandem.language', lang), language);
        await partner.page.reload();
        await partner.page.locator(`html[lang=${language}]`).waitFor();
        await partner.page.locator('[data-section="maintenance"] .maintenance-plan').waitFor();
        await partner.page.locator('[data-section="own-charts"] .series-chart').first().waitFor();
        await partner.page.screenshot({ path: name('followup-page'), fullPage: true });
        await partner.page.locator('[data-section="maintenance"]').screenshot({ path: name('maintenance') });
        await partner.page.locator('[data-section="own-charts"]').screenshot({ path: name('own-charts') });

        const therapist = await newActor(browser, 'therapist', { baseURL: app.url, viewport });
        await therapist.context.addCookies([{ name: 'tandem_session', value: therapistToken, url: app.url }]);
        await therapist.page.goto(`/couples/${s.couple.id}`);
        await therapist.page.evaluate((lang) => sessionStorage.setItem('tandem.language', lang), language);
        await therapist.page.reload();
        await therapist.page.locator(`html[lang=${language}]`).waitFor();
        const panel = therapist.page.locator('[data-section="ending"]');
        await panel.locator('.maintenance-plan').waitFor();
        await panel.screenshot({ path: name('ending-panel') });
        for (const actor of [partner, therapist]) await actor.context.close();
        console.log(`saved ${width} ${language}`);
      }
    }
  } finally {
    await browser.close();
    await app.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
