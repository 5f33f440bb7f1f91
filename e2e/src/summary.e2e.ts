/**
 * A partner's version of the summary: the therapist ends the session, prepares a summary for the couple and one
 * for Sam from the record, reviews the exact preview and releases both; on their next visit (a new link) Sam, on a
 * phone, reads both in the waiting room, and Alex reads the couple's only. Axe-clean in English and Spanish.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CreatedSessionDto } from '@tandem/shared';
import { seriousA11yViolations, chooseLanguage, POLL } from './browser.js';
import { roomFixture } from './fixture.js';
import { api, endWithTemplateAndOpenRecord } from './scenario.js';

const COUPLE_WORDS = 'You both named the pursue–withdraw pattern today. ¡Buen trabajo!';
const SAM_WORDS = 'Sam, notice the moment you go quiet and say “I need a minute”.';

async function axeInBoth(page: Page, check: (lang: 'en' | 'es') => Promise<void>) {
  expect(await seriousA11yViolations(page)).toEqual([]);
  await chooseLanguage(page, 'es');
  await check('es');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await chooseLanguage(page, 'en');
}

describe('a partner’s summary, prepared, released and read on the next visit', () => {
  const s = roomFixture();

  it('the therapist prepares, reviews and releases a summary for the couple and one for Sam', async () => {
    const t = s.therapist.page;
    await endWithTemplateAndOpenRecord(t);

    await t.getByRole('link', { name: 'Prepare a summary for the couple' }).click();
    await t.getByRole('heading', { level: 1, name: 'Summary for the couple' }).waitFor();
    const preview = t.locator('[data-summary-preview]');
    await preview.getByRole('img', { name: /conflict-cycle map at the end of the session/ }).waitFor();
    expect(await t.locator('[data-summary-status]').innerText()).toContain('Not saved yet');

    await t.getByRole('textbox', { name: 'Your words to them' }).fill(COUPLE_WORDS);
    await t.getByText('Unsaved changes: save the draft to update the preview.').waitFor();
    const release = t.getByRole('button', { name: 'Release', exact: true });
    expect(await release.isDisabled()).toBe(true);
    await t.getByRole('button', { name: 'Save draft' }).click();
    await t.getByText('Draft saved.').waitFor();
    await expect.poll(() => preview.innerText(), POLL).toContain(COUPLE_WORDS);
    await axeInBoth(t, async () => {
      await t.getByRole('heading', { level: 1, name: 'Resumen para la pareja' }).waitFor();
    });

    await release.click();
    await t.getByRole('alertdialog').getByRole('button', { name: 'Release', exact: true }).click();
    await t.getByText(/Released on .+ by Dr Rivera\. It is locked/).waitFor();
    expect(await t.getByRole('textbox', { name: 'Your words to them' }).isDisabled()).toBe(true);
    await axeInBoth(t, async () => {
      await t.getByText(/Publicado el .+ por Dr Rivera/).waitFor();
    });

    // Sam's own, with the map left out.
    await t.getByRole('link', { name: 'Back to the session record' }).click();
    await t.getByRole('link', { name: 'Prepare a summary for Sam' }).click();
    await t.getByRole('heading', { level: 1, name: 'Summary for Sam' }).waitFor();
    await t.getByRole('checkbox', { name: 'The map as it stood at the end' }).uncheck();
    await t.getByRole('textbox', { name: 'Your words to them' }).fill(SAM_WORDS);
    await t.getByRole('button', { name: 'Save draft' }).click();
    await t.getByText('Draft saved.').waitFor();
    expect(await preview.getByRole('img').count()).toBe(0);
    await t.getByRole('button', { name: 'Release', exact: true }).click();
    await t.getByRole('alertdialog').getByRole('button', { name: 'Release', exact: true }).click();
    await t.getByText(/Released on .+ by Dr Rivera/).waitFor();

    await t.getByRole('link', { name: 'Back to the session record' }).click();
    const links = t.locator('[data-record-section=summaries]');
    await expect.poll(() => links.innerText(), POLL).toMatch(/Summary for the couple\s*Released on/);
    expect(await links.innerText()).toMatch(/Summary for Sam\s*Released on/);
    expect(await links.innerText()).toContain('Prepare a summary for Alex');
  });

  it('on their next visit Sam (phone) reads both, Alex the couple’s only', async () => {
    const next = (
      await api<CreatedSessionDto>(
        s.app,
        'POST',
        '/sessions',
        { coupleId: s.couple.id, kind: 'joint' },
        s.therapistCookie,
      )
    ).data;
    const linkFor = (name: string) =>
      next.invites.find((i) => i.partnerId === s.couple.partners.find((p) => p.displayName === name)?.id)?.url ?? '';

    const sam = s.sam.page;
    await sam.goto(linkFor('Sam'));
    await sam.getByRole('button', { name: 'I understand' }).click();
    const list = sam.getByRole('region', { name: 'Summaries from your therapist' });
    await list.waitFor();
    await expect.poll(() => list.getByRole('listitem').count(), POLL).toBe(2);
    expect(await list.innerText()).toContain('For you');
    expect(await list.innerText()).toContain('For both of you');
    // Each summary opens in place.
    for (const item of await list.locator('[data-summary-personal]').all()) {
      await item.getByRole('button', { name: /^Read/ }).click();
      await item.getByRole('button', { name: /^Close/ }).waitFor();
    }
    await expect.poll(() => list.innerText(), POLL).toContain(SAM_WORDS);
    await expect.poll(() => list.innerText(), POLL).toContain(COUPLE_WORDS);
    await list.getByRole('img', { name: /conflict-cycle map/ }).waitFor();
    // Sam's own summary as a PDF, built by the server.
    const own = list.locator('[data-summary-personal="true"]');
    const [download] = await Promise.all([
      sam.waitForEvent('download'),
      own.getByRole('button', { name: /^Download as PDF/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^session-summary-\d{4}-\d\d-\d\d\.pdf$/);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A phone's width: nothing runs off the side.
    expect(await sam.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await axeInBoth(sam, async () => {
      await sam.getByRole('region', { name: 'Resúmenes de su terapeuta' }).waitFor();
    });

    const alex = s.alex.page;
    await alex.goto(linkFor('Alex'));
    await alex.getByRole('button', { name: 'I understand' }).click();
    const alexList = alex.getByRole('region', { name: 'Summaries from your therapist' });
    await alexList.waitFor();
    await expect.poll(() => alexList.getByRole('listitem').count(), POLL).toBe(1);
    await alexList.getByRole('button', { name: /^Read/ }).click();
    await expect.poll(() => alexList.innerText(), POLL).toContain(COUPLE_WORDS);
    expect(await alex.content()).not.toContain('I need a minute');
    expect(await seriousA11yViolations(alex)).toEqual([]);
  });
});
