/**
 * The couple's history: from the couple's page the therapist opens the history, sees every session with its
 * record, and the maps after two sessions side by side (stacked on a phone) with the changed cards named in both
 * pictures and listed in words; exports a picture (SVG) and the comparison (PDF). Axe-clean in English and Spanish.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PHONE, seriousA11yViolations, selectedLabel, chooseLanguage, POLL } from './browser.js';
import { HISTORY_WORDS as W, twoEndedSessions } from './historyMaps.js';
import { sessionFixture } from './fixture.js';

describe('the couple’s history of sessions and maps', () => {
  const s = sessionFixture(async (s) => {
    await twoEndedSessions(s.app, s);
  });

  it('the therapist compares the two sessions’ maps, exports them, and every session links to its record', async () => {
    const t = s.therapist.page;
    await t.goto(`/couples/${s.couple.id}`);
    await t.getByRole('link', { name: 'History' }).click();
    await t.getByRole('heading', { level: 1, name: 'History: Alex & Sam' }).waitFor();

    const before = t.locator('[data-history-side=from]');
    const after = t.locator('[data-history-side=to]');
    await before
      .getByRole('img', { name: 'The conflict-cycle map: 3 cards, 2 of them changed (listed below).' })
      .waitFor();
    await after
      .getByRole('img', { name: 'The conflict-cycle map: 3 cards, 2 of them changed (listed below).' })
      .waitFor();
    expect(await after.getByRole('heading').innerText()).toBe('After: after “Second session”');
    // Side by side on a wide screen.
    const [b, a] = [await before.boundingBox(), await after.boundingBox()];
    expect(a!.x).toBeGreaterThan(b!.x + b!.width - 1);

    const changes = t.getByRole('region', { name: /^What changed from/ });
    const words = await changes.innerText();
    for (const line of ['Added (1)', W.fear, 'Edited (1)', `was: ${W.quiet}`, 'Removed (1)', W.door]) {
      expect(words).toContain(line);
    }

    // The "after" picture as SVG: the shared renderer's drawing, the new card named.
    const [svg] = await Promise.all([
      t.waitForEvent('download'),
      after.getByRole('button', { name: 'Export SVG Second session' }).click(),
    ]);
    const drawing = fs.readFileSync(await svg.path(), 'utf8');
    expect(drawing.startsWith('<svg')).toBe(true);
    expect(drawing).toContain(W.fear);
    expect(drawing).toContain('map-card-added');
    // The comparison as a PDF, built by the server.
    const [pdf] = await Promise.all([
      t.waitForEvent('download'),
      t.getByRole('button', { name: 'Download the comparison (PDF)' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/^map-comparison-\d{4}-\d\d-\d\d\.pdf$/);
    expect(
      fs
        .readFileSync(await pdf.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    // Every session, newest first, with its record.
    const sessions = t.getByRole('region', { name: 'Sessions', exact: true });
    await expect.poll(() => sessions.getByRole('listitem').count(), POLL).toBe(2);
    expect(await sessions.getByRole('listitem').first().innerText()).toContain('Second session');
    expect(await seriousA11yViolations(t)).toEqual([]);

    // By keyboard: the "after" picker (a native select) takes the first session; the same session twice compares
    // nothing.
    const afterPicker = t.getByRole('combobox', { name: /After: the map after/ });
    expect(await selectedLabel(afterPicker)).toContain('Second session');
    await afterPicker.focus();
    await t.keyboard.press('ArrowDown');
    await expect.poll(() => selectedLabel(afterPicker)).not.toContain('Second session');
    await t.getByText('Choose two different sessions.').waitFor();

    await chooseLanguage(t, 'es');
    await t.getByRole('heading', { level: 1, name: 'Historial: Alex & Sam' }).waitFor();
    expect(await seriousA11yViolations(t)).toEqual([]);
    await chooseLanguage(t, 'en');

    await sessions.getByRole('link', { name: 'Record Second session' }).click();
    await t.getByRole('heading', { level: 1, name: 'Session record' }).waitFor();
  });

  it('on a phone the two maps are stacked and nothing runs off the side', async () => {
    const t = s.therapist.page;
    await t.setViewportSize(PHONE);
    await t.goto(`/couples/${s.couple.id}/history`);
    const before = t.locator('[data-history-side=from]');
    const after = t.locator('[data-history-side=to]');
    await after.getByRole('img').waitFor();
    const [b, a] = [await before.boundingBox(), await after.boundingBox()];
    expect(a!.y).toBeGreaterThanOrEqual(b!.y + b!.height - 1);
    expect(await t.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await chooseLanguage(t, 'es');
    await t.getByRole('heading', { level: 1, name: 'Historial: Alex & Sam' }).waitFor();
    expect(await seriousA11yViolations(t)).toEqual([]);
  });
});
