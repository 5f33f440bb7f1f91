/**
 * A screenshot tool, not a test: the summary editor (draft and released) and the partner's "Summaries from your
 * therapist" at 375, 412, 1280 and 1920 px, in English and Spanish, full page, into SHOTS_DIR (default
 * /tmp/shots-summary). Run after `npm run build`:  npx tsx e2e/src/screensSummary.ts
 */
import type { CreatedSessionDto } from '@tandem/shared';
import type { Page } from 'playwright-core';
import { api, everyoneInTheRoom, jointSession } from './scenario.js';
import { runShots, SHOT_LANGUAGES, shootSizes, switchLanguage } from './shots/shoot.js';

const DIR = process.env['SHOTS_DIR'] ?? '/tmp/shots-summary';

async function bothLanguages(page: Page, name: string) {
  for (const lang of SHOT_LANGUAGES) {
    await switchLanguage(page, lang);
    await shoot(page, `${name}-${lang}`);
  }
  await switchLanguage(page, 'en');
}

const shoot = (page: Page, name: string) => shootSizes(page, DIR, name, { fullPage: true });

runShots(DIR, async ({ app, browser }) => {
  const s = await jointSession(app, browser);
  await everyoneInTheRoom(s);
  const t = s.therapist.page;
  await t.getByRole('button', { name: 'Insert template' }).click();
  await t.locator('.room-workspace').getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
  await t.getByRole('button', { name: 'End session' }).click();
  await t.getByRole('alertdialog').getByRole('button', { name: 'End session' }).click();
  await t.getByRole('link', { name: 'Open the session record' }).click();
  await t.getByRole('img', { name: /conflict-cycle map/ }).waitFor();
  await api(
    app,
    'PUT',
    `/sessions/${s.session.session.id}/progress-note`,
    {
      format: 'dap',
      content: {
        fields: { task: 'Practise the pause twice: say “I need a minute” and come back.' },
        sections: {},
        partners: [],
      },
    },
    s.therapistCookie,
  );
  await api(
    app,
    'POST',
    '/sessions',
    { coupleId: s.couple.id, kind: 'joint', scheduledAt: new Date(Date.now() + 7 * 86_400_000).toISOString() },
    s.therapistCookie,
  );
  await t.reload();
  await t.getByRole('link', { name: 'Prepare a summary for the couple' }).waitFor();
  await bothLanguages(t, 'record-links');

  await t.getByRole('link', { name: 'Prepare a summary for the couple' }).click();
  await t
    .getByRole('textbox', { name: 'Your words to them' })
    .fill(
      'You both named the pursue–withdraw pattern today. Notice it this week, and be kind when you do. ¡Buen trabajo! 🌱',
    );
  await t.getByRole('button', { name: 'Save draft' }).click();
  await t.getByText('Draft saved.').waitFor();
  await bothLanguages(t, 'editor-draft');
  await t.getByRole('button', { name: 'Release', exact: true }).click();
  await t.getByRole('alertdialog').waitFor();
  await shoot(t, 'editor-confirm-en');
  await t.getByRole('alertdialog').getByRole('button', { name: 'Release', exact: true }).click();
  await t.getByText(/Released on .+ by Dr Rivera/).waitFor();
  await bothLanguages(t, 'editor-released');

  const next = (
    await api<CreatedSessionDto>(app, 'POST', '/sessions', { coupleId: s.couple.id, kind: 'joint' }, s.therapistCookie)
  ).data;
  const samId = s.couple.partners.find((p) => p.displayName === 'Sam')?.id;
  const sam = s.sam.page;
  await sam.goto(next.invites.find((i) => i.partnerId === samId)?.url ?? '');
  await sam.getByRole('button', { name: 'I understand' }).click();
  const list = sam.getByRole('region', { name: 'Summaries from your therapist' });
  await list.waitFor();
  await bothLanguages(sam, 'partner-list');
  await list.getByRole('button', { name: /^Read/ }).click();
  await list.getByRole('img', { name: /conflict-cycle map/ }).waitFor();
  await bothLanguages(sam, 'partner-open');
});
