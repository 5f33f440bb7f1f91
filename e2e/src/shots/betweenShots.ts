/**
 * Screenshots for people to look at (not a test): a partner's page between sessions, the therapist's links and
 * overview on the couple's page, and the task form on the record, at 375, 412, 1280 and 1920 wide, in English and
 * Spanish. Run after `npm run build`: `npx tsx e2e/src/shots/betweenShots.ts [outDir]` (default /tmp/shots-between).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CreatedSessionDto, IssuedCaseLinkDto, SessionHomeworkDto } from '@tandem/shared';
import { startApp } from '../app.js';
import { launchChromium, newActor } from '../browser.js';
import { api, jointSession } from '../scenario.js';

const outDir = process.argv[2] ?? '/tmp/shots-between';
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
    // The next booked session (shown on the partner's page), and one the therapist opens to see the review.
    await api(
      app,
      'POST',
      '/sessions',
      { coupleId: s.couple.id, kind: 'joint', scheduledAt: new Date(Date.now() + 6 * DAY).toISOString() },
      tc,
    );
    const room = await api<CreatedSessionDto>(app, 'POST', '/sessions', { coupleId: s.couple.id, kind: 'joint' }, tc);
    const [alex, sam] = s.couple.partners;
    if (!alex || !sam) throw new Error('two partners expected');
    await api(
      app,
      'POST',
      `/sessions/${sid}/homework`,
      { partnerId: null, text: 'Ten minutes of talk each evening, phones away', dueAt: null, repeat: 'daily' },
      tc,
    );
    const hw = await api<SessionHomeworkDto>(
      app,
      'POST',
      `/sessions/${sid}/homework`,
      {
        partnerId: sam.id,
        text: 'Notice the moment you go quiet and say “I need a minute”',
        dueAt: new Date(Date.now() + 7 * DAY).toISOString(),
        repeat: 'none',
      },
      tc,
    );
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
    for (const [cookie, connection, helped] of [
      [alexCookie, 4, 'We took a walk and came back to it'],
      [samCookie, 7, 'Saying “I need a minute” and then coming back'],
    ] as const) {
      for (const task of hw.data.agreed) {
        await api(
          app,
          'PUT',
          `/me/homework/${task.id}/mark`,
          { done: true, reflection: 'It was hard to start, easier the second day.' },
          cookie,
        ).catch(() => undefined);
      }
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
      await api(
        app,
        'POST',
        '/me/conflicts',
        {
          occurredAt: new Date(Date.now() - 2 * DAY).toISOString(),
          durationMin: 25,
          repairMin: 180,
          pauseUsed: true,
          helped,
        },
        cookie,
      );
    }
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
        await partner.page.locator('[data-section="conflicts"] .between-entry').first().waitFor();
        await partner.page.screenshot({ path: name('between-page'), fullPage: true });
        // The first screen as the person sees it (the quick exit floats over it).
        await partner.page.screenshot({ path: name('between-top') });

        const therapist = await newActor(browser, 'therapist', { baseURL: app.url, viewport });
        await therapist.context.addCookies([{ name: 'tandem_session', value: therapistToken, url: app.url }]);
        await therapist.page.goto(`/couples/${s.couple.id}`);
        await therapist.page.evaluate((lang) => sessionStorage.setItem('tandem.language', lang), language);
        await therapist.page.reload();
        await therapist.page.locator(`html[lang=${language}]`).waitFor();
        const links = therapist.page.locator('[data-section="case-links"]');
        await links.locator('[data-partner="a"] button').first().click();
        await links.locator('.invite-link').waitFor();
        await therapist.page.locator('table[data-table="conflicts"] tbody tr').first().waitFor();
        await links.scrollIntoViewIfNeeded();
        await links.screenshot({ path: name('case-links') });
        await therapist.page
          .locator('[data-section="between-overview"]')
          .screenshot({ path: name('between-overview') });

        await therapist.page.goto(`/sessions/${sid}/record`);
        const panel = therapist.page.locator('[data-record-section="homework"]');
        await panel.locator('form').waitFor();
        await panel.screenshot({ path: name('homework-panel') });
        // The next session's room on a laptop: the last task beside the check-in (a phone shows the panel in a tab).
        if (width >= 1280) {
          await therapist.page.goto(`/sessions/${room.data.session.id}`);
          const review = therapist.page.locator('[data-section="last-task"]');
          await review.waitFor();
          await review.screenshot({ path: name('room-last-task') });
          await therapist.page.screenshot({ path: name('room') });
        }
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
