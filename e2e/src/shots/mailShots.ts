/**
 * Screenshots for people to look at (not a test): e-mail on (SMTP_URL set, a real SMTP server in this process).
 * The couple form with each partner's e-mail and time zone; on the couple page, a new session whose links went by
 * e-mail, "Send by e-mail" sent and failed, a reminder "failed, retrying" while the mail server is down; and the
 * e-mails themselves (an invitation and a reminder per language, saved as HTML and pictured), at 375, 412, 1280
 * and 1920 wide, in English and Spanish.
 * Run after `npm run build`: `npx tsx e2e/src/shots/mailShots.ts [outDir]` (default /tmp/shots-mail).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { CoupleDto } from '@tandem/shared';
import { api, jointSession } from '../scenario.js';
import { localSmtp } from '../smtp.js';
import { SHOT_LANGUAGES, atEachSize, runShots, storeLanguage } from './shoot.js';

const outDir = process.argv[2] ?? '/tmp/shots-mail';
const smtp = await localSmtp();
const received = smtp.received;
const smtpUp = () => smtp.up();
const smtpDown = () => smtp.down();

runShots(
  outDir,
  async ({ app, browser, dir }) => {
    const s = await jointSession(app, browser);
    const tc = s.therapistCookie;
    await api(app, 'PUT', '/account/practice', { practiceName: 'Harbour Counselling' }, tc);
    await api<CoupleDto>(
      app,
      'PATCH',
      `/couples/${s.couple.id}`,
      {
        partners: [
          { displayName: 'Alex', language: 'en', email: 'alex@example.org', timeZone: 'America/Santiago' },
          { displayName: 'Sam', language: 'es', email: 'sam@example.org', timeZone: 'Europe/Madrid' },
        ],
      },
      tc,
    );
    const page = s.therapist.page;
    const shoot = async (p: Page, name: string, lang: string, locator?: string) =>
      atEachSize(p, async (width) => {
        const file = path.join(dir, `${name}-${width}-${lang}.png`);
        if (locator) await p.locator(locator).first().screenshot({ path: file });
        else await p.screenshot({ path: file, fullPage: true });
      });

    // The couple form: each partner's e-mail and time zone.
    await page.goto(`/couples/${s.couple.id}/edit`);
    for (const lang of SHOT_LANGUAGES) {
      await storeLanguage(page, lang);
      await page.locator('input[type=email]').first().waitFor();
      await shoot(page, 'couple-form', lang);
    }

    // The couple page: a new session with "E-mail the links", then sending one again, then a failure.
    await page.goto(`/couples/${s.couple.id}`);
    for (const lang of SHOT_LANGUAGES) {
      await storeLanguage(page, lang);
      await page.locator('.session-item').first().waitFor();
      await shoot(page, 'new-session-form', lang, 'section:has(#new-session-heading)');
      await page.locator('section:has(#new-session-heading) button[type=submit]').click();
      await page.locator('.invite-row[data-partner="Sam"] [data-mail-kind="invite"][data-mail-state="sent"]').waitFor();
      await shoot(page, 'session-emailed', lang, '.session-item');
      await page.locator('.invite-row[data-partner="Sam"] [data-mail-state] button').click();
      await page.locator('.invite-row[data-partner="Sam"] [data-mail-state="sent"] .copy-status').waitFor();
      await smtpDown();
      await page.locator('.invite-row[data-partner="Alex"] [data-mail-state] button').click();
      await page.locator('.invite-row[data-partner="Alex"] [data-mail-state="failed"]').waitFor();
      await shoot(page, 'send-states', lang, '.session-item');
      await smtpUp();
    }

    // A reminder while the mail server is down: "failed, retrying" (the scheduler looks every 30 s).
    await smtpDown();
    await api(
      app,
      'POST',
      '/sessions',
      { coupleId: s.couple.id, kind: 'joint', scheduledAt: new Date(Date.now() + 50 * 60_000).toISOString() },
      tc,
    );
    for (const lang of SHOT_LANGUAGES) {
      await page.reload();
      await storeLanguage(page, lang);
      const failed = page.locator('[data-mail-kind="reminder_1h"][data-mail-state="failed"]').first();
      for (let i = 0; i < 40 && !(await failed.isVisible()); i++) {
        await page.waitForTimeout(1_000); // a screenshot tool: the scheduler's next pass
        await page.reload();
      }
      await shoot(page, 'reminder-failed', lang, '.session-item:has([data-mail-kind="reminder_1h"])');
    }
    await smtpUp();

    // The e-mails themselves, as received: invitations to a session with a time (each in the partner's zone).
    const at = new Date(Date.now() + 3 * 86_400_000);
    at.setUTCHours(15, 0, 0, 0);
    const before = received.length;
    await api(
      app,
      'POST',
      '/sessions',
      { coupleId: s.couple.id, kind: 'joint', scheduledAt: at.toISOString(), emailInvites: true },
      tc,
    );
    const p = await (await browser.newContext()).newPage();
    for (const lang of SHOT_LANGUAGES) {
      const invite = received.slice(before).find((m) => m.language === lang);
      if (!invite) throw new Error(`no ${lang} e-mail received`);
      fs.writeFileSync(path.join(dir, `email-invite-${lang}.html`), invite.html);
      await p.setContent(invite.html);
      await shoot(p, 'email-invite', lang);
    }
    await smtpDown(); // else its listening socket keeps the script alive
  },
  { SMTP_URL: smtp.url, MAIL_FROM: 'Tandem <no-reply@tandem.test>' },
);
