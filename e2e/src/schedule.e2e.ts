/**
 * The schedule (issue 16): the therapist books a weekly series from the couple's page with the keyboard, sees it
 * on the dashboard, moves one session, cancels another (its link then shows a calm "cancelled" page on a 375 px
 * phone in Spanish), and downloads a session's calendar file. Axe-clean.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { IssuedInviteDto, SessionDto } from '@tandem/shared';
import { seriousA11yViolations, POLL } from './browser.js';
import { api } from './scenario.js';
import { sessionFixture } from './fixture.js';

const pad = (n: number, size = 2) => String(n).padStart(size, '0');

/** Types a local date and time into a react-aria date field (en-US: month, day, year, hour, minute, AM/PM). */
async function typeDateTime(page: Page, scope: Locator, label: string, at: Date) {
  const field = scope.getByRole('group', { name: label });
  await field.getByRole('spinbutton').first().focus();
  const hour12 = at.getHours() % 12 === 0 ? 12 : at.getHours() % 12;
  await page.keyboard.type(
    `${pad(at.getMonth() + 1)}${pad(at.getDate())}${at.getFullYear()}${pad(hour12)}${pad(at.getMinutes())}`,
  );
  await page.keyboard.type(at.getHours() < 12 ? 'a' : 'p');
}

describe('the schedule', () => {
  const s = sessionFixture();

  it('books a weekly series, sees it, moves one, cancels one, and downloads a calendar file', async () => {
    const t = s.therapist.page;
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    const first = new Date(tomorrow.getFullYear(), tomorrow.getMonth(), tomorrow.getDate(), 17, 0);

    // Book the series with the keyboard.
    await t.goto(`/couples/${s.couple.id}`);
    const form = t.getByRole('region', { name: 'New session' });
    await form.getByRole('textbox', { name: 'Title' }).focus();
    await t.keyboard.type('Weekly work');
    await typeDateTime(t, form, 'Scheduled time', first);
    await form.getByRole('radio', { name: 'Does not repeat' }).focus();
    await t.keyboard.press('ArrowRight');
    expect(await form.getByRole('radio', { name: 'Weekly' }).isChecked()).toBe(true);
    const count = form.getByRole('textbox', { name: 'Number of sessions' });
    await count.focus();
    await t.keyboard.press('ControlOrMeta+a');
    await t.keyboard.type('4');
    await form.getByRole('button', { name: 'Create series' }).focus();
    await t.keyboard.press('Enter');

    const upcoming = t.getByRole('region', { name: 'Upcoming' });
    const item = (place: string) => upcoming.locator(`.session-item:has([data-series-place="${place}"])`);
    await item('4/4').waitFor(POLL);
    const list = (
      await api<SessionDto[]>(s.app, 'GET', `/couples/${s.couple.id}/sessions`, undefined, s.therapistCookie)
    ).data;
    const series = list.filter((x) => x.series !== null).sort((a, b) => a.series!.index - b.series!.index);
    expect(series.map((x) => Date.parse(x.scheduledAt!))).toEqual(
      [0, 7, 14, 21].map((d) => new Date(first.getFullYear(), first.getMonth(), first.getDate() + d, 17).getTime()),
    );
    expect(await seriousA11yViolations(t)).toEqual([]);

    // The dashboard: the first one this week, with its place in the series and a room to open.
    await t.goto('/');
    const week = t.getByRole('region', { name: 'This week' });
    const row = week.locator(`[data-session-id="${series[0]!.id}"]`);
    await row.waitFor(POLL);
    expect(await row.innerText()).toContain('1 of 4');
    expect(await row.getByRole('link', { name: 'Alex & Sam', exact: true }).getAttribute('href')).toBe(
      `/couples/${s.couple.id}`,
    );
    await row.getByRole('link', { name: /^Open session room/ }).waitFor();
    expect(await t.getByRole('region', { name: 'Today' }).innerText()).toContain('No sessions today.');
    expect(await seriousA11yViolations(t)).toEqual([]);

    // Move the second one a day later, at 18:00.
    await t.goto(`/couples/${s.couple.id}`);
    const second = item('2/4');
    await second.getByRole('button', { name: /^Reschedule/ }).focus();
    await t.keyboard.press('Enter');
    const moved = new Date(first.getFullYear(), first.getMonth(), first.getDate() + 8, 18, 0);
    await typeDateTime(t, second, 'Scheduled time', moved);
    await second.getByRole('button', { name: 'Save new time' }).focus();
    await t.keyboard.press('Enter');
    await expect
      .poll(async () => {
        const one = await api<SessionDto>(s.app, 'GET', `/sessions/${series[1]!.id}`, undefined, s.therapistCookie);
        return one.data.scheduledAt;
      }, POLL)
      .toBe(moved.toISOString());
    // The form closes and the keyboard is back on its button.
    const again = second.getByRole('button', { name: /^Reschedule/ });
    await again.waitFor(POLL);
    expect(await again.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await second.innerText()).toContain('2 of 4');

    // Sam gets a link for the third one; then the therapist cancels it, after confirming.
    const sam = s.couple.partners.find((p) => p.displayName === 'Sam')!;
    const link = (
      await api<IssuedInviteDto>(s.app, 'POST', `/sessions/${series[2]!.id}/invites/${sam.id}`, {}, s.therapistCookie)
    ).data;
    // Sam, on a 375 px phone in Spanish, opens it and waits for it to start.
    const phone = s.sam.page;
    await phone.goto('/');
    await phone.evaluate(() => sessionStorage.setItem('tandem.language', 'es'));
    await phone.goto(link.url);
    await phone.getByRole('button', { name: 'Entiendo' }).click();
    await phone.locator('[data-view="waiting"]').waitFor(POLL);

    await item('3/4').getByRole('button', { name: 'Cancel session' }).focus();
    await t.keyboard.press('Enter');
    const dialog = t.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('checkbox', { name: /later sessions/ }).isChecked()).toBe(false);
    expect(await seriousA11yViolations(t)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel session' }).focus();
    await t.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const past = t.getByRole('region', { name: 'Past' });
    await past.locator(`[data-session-id="${series[2]!.id}"][data-session-status="cancelled"]`).waitFor(POLL);
    await item('4/4').waitFor();

    // Sam's open page says so at once, calmly (no "this link no longer works"), and again after a reload.
    const heading = phone.getByRole('heading', { level: 1, name: 'Esta sesión se canceló' });
    for (const reload of [false, true]) {
      if (reload) await phone.reload();
      await heading.waitFor(POLL);
      expect(await phone.locator('html').getAttribute('lang')).toBe('es');
      expect(await phone.getByRole('alert').innerText()).toContain('Tu terapeuta canceló esta sesión');
      const box = await phone.locator('[data-view="link-cancelled"]').boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(375);
      expect(await seriousA11yViolations(phone)).toEqual([]);
    }
    expect(s.sam.missingKeys).toEqual([]);

    // The first session's calendar file.
    const [download] = await Promise.all([
      t.waitForEvent('download'),
      item('1/4')
        .getByRole('link', { name: /^Add to calendar/ })
        .click(),
    ]);
    const file = await download.path();
    const ics = fs.readFileSync(file, 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    const stamp = series[0]!.scheduledAt!.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(ics).toContain(`DTSTART:${stamp}`);
    expect(ics).not.toContain('Weekly work');
    expect(s.therapist.missingKeys).toEqual([]);
    expect(s.therapist.errors).toEqual([]);
  });
});
