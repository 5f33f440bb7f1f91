/**
 * Screenshots for people to look at (not a test): the dashboard's schedule (a live session with a partner in the
 * room, today's and this week's), the couple page's upcoming and past sessions, the reschedule form, the cancel
 * dialog and the partner's cancelled-link page, at 375, 412, 1280 and 1920 wide, in English and Spanish.
 * Run after `npm run build`: `npx tsx e2e/src/shots/scheduleShots.ts [outDir]` (default /tmp/shots-schedule).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { CreatedSeriesDto, CreatedSessionDto, IssuedInviteDto } from '@tandem/shared';
import { api, jointSession } from '../scenario.js';
import { SHOT_LANGUAGES, atEachSize, runShots, storeLanguage, switchLanguage } from './shoot.js';

const outDir = process.argv[2] ?? '/tmp/shots-schedule';

runShots(outDir, async ({ app, browser, dir }) => {
  const s = await jointSession(app, browser);
  const tc = s.therapistCookie;
  const sam = s.couple.partners.find((p) => p.displayName === 'Sam')!;
  const now = new Date();
  const at = (days: number, hour: number) =>
    new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, hour, 0).toISOString();
  // A live session with Alex in the room (the scenario's), one later today if the day allows, a weekly series.
  const today = now.getHours() < 22 ? at(0, 23) : null;
  if (today) {
    await api<CreatedSessionDto>(
      app,
      'POST',
      '/sessions',
      { coupleId: s.couple.id, kind: 'joint', scheduledAt: today },
      tc,
    );
  }
  const series = (
    await api<CreatedSeriesDto>(
      app,
      'POST',
      '/sessions/series',
      {
        coupleId: s.couple.id,
        kind: 'joint',
        title: 'Weekly work',
        scheduledAt: at(1, 17),
        repeat: 'weekly',
        count: 6,
      },
      tc,
    )
  ).data;
  await api(
    app,
    'POST',
    '/sessions',
    { coupleId: s.couple.id, kind: 'individual', partnerId: sam.id, scheduledAt: at(3, 10) },
    tc,
  );
  const link = (
    await api<IssuedInviteDto>(app, 'POST', `/sessions/${series.sessions[2]!.id}/invites/${sam.id}`, {}, tc)
  ).data;
  await api(app, 'POST', `/sessions/${series.sessions[2]!.id}/cancel`, {}, tc);
  const t = s.therapist.page;
  // The scenario's session goes live: the therapist opens the room, Alex joins and is admitted.
  await t.goto(`/sessions/${s.session.session.id}`);
  await s.alex.page.goto(s.inviteFor('Alex'));
  await s.alex.page.getByRole('button', { name: 'I understand' }).click();
  await t.getByRole('button', { name: 'Admit Alex' }).click();
  await s.alex.page.getByRole('heading', { name: 'Shared workspace' }).waitFor();

  const shoot = async (page: Page, name: string, lang: string, locator?: string) =>
    atEachSize(page, async (width) => {
      const file = path.join(dir, `${name}-${width}-${lang}.png`);
      if (locator) await page.locator(locator).first().screenshot({ path: file });
      else await page.screenshot({ path: file, fullPage: true });
    });

  for (const lang of SHOT_LANGUAGES) {
    await t.goto('/');
    await switchLanguage(t, lang);
    await t.locator('.schedule-row[data-session-status="live"]').waitFor();
    await shoot(t, 'dashboard-schedule', lang, '.schedule');

    await t.goto(`/couples/${s.couple.id}`);
    await t.locator('#sessions-upcoming').waitFor();
    await shoot(t, 'couple-sessions', lang, '#sessions-heading >> xpath=..');

    const third = t.locator(`[data-session-id="${series.sessions[1]!.id}"]`);
    await third.locator('.session-actions button', { hasText: lang === 'en' ? 'Reschedule' : 'Cambiar hora' }).click();
    await third.locator('.session-reschedule').waitFor();
    await shoot(t, 'reschedule-form', lang, `[data-session-id="${series.sessions[1]!.id}"]`);
    await third.locator('.session-reschedule .btn-quiet').click();

    const fourth = t.locator(`[data-session-id="${series.sessions[3]!.id}"]`);
    await fourth
      .locator('.session-actions button', { hasText: lang === 'en' ? 'Cancel session' : 'Cancelar sesión' })
      .click();
    await t.getByRole('alertdialog').waitFor();
    await atEachSize(t, async (width) => {
      await t.screenshot({ path: path.join(dir, `cancel-dialog-${width}-${lang}.png`) });
    });
    await t.keyboard.press('Escape');
    await t.getByRole('alertdialog').waitFor({ state: 'detached' });
  }

  const phone = s.sam.page;
  for (const lang of SHOT_LANGUAGES) {
    await phone.goto('/');
    await storeLanguage(phone, lang);
    await phone.goto(link.url);
    await phone.locator('[data-view="link-cancelled"]').waitFor();
    await shoot(phone, 'partner-cancelled-link', lang);
  }
});
