/**
 * The treatment plan and progress: in the room, the therapist (on a page of their own) writes a plan whose
 * objective reads Sam's check-in; with no answer yet its status is "No data". Alex and Sam check in on their own
 * screens; the objective turns "Met" from Sam's new answer, the progress page's chart shows both partners' points
 * (and the same data as a table), and the progress report downloads as a valid PDF. Axe-clean.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations, POLL } from './browser.js';
import { roomFixture } from './fixture.js';

/** Picks an option of a labelled native select. */
async function choose(scope: Page | ReturnType<Page['locator']>, label: string, option: string) {
  await scope.getByRole('combobox', { name: label, exact: true }).selectOption({ label: option });
}

describe('the treatment plan and progress', () => {
  const room = roomFixture();
  let plan: Page;

  it('the therapist writes a plan with an objective on Sam’s check-in; with no answer it has no data', async () => {
    plan = await room.therapist.context.newPage();
    await plan.goto(`/couples/${room.couple.id}`);
    await plan.getByRole('link', { name: 'Treatment plan' }).click();
    await plan.getByRole('heading', { level: 1, name: 'Treatment plan: Alex & Sam' }).waitFor();
    await plan.getByRole('button', { name: 'Add a goal' }).click();
    const goal = plan.locator('.plan-goal').first();
    await goal.getByRole('textbox', { name: 'Goal' }).fill('Arrive at sessions feeling steadier');
    const objective = goal.locator('.plan-objective').first();
    await objective.getByRole('textbox', { name: 'Objective' }).fill('Sam checks in at 7 or more');
    await choose(objective, 'Questionnaire', 'Check-in');
    await choose(objective, 'Whose answers', 'Sam');
    await objective.getByRole('textbox', { name: 'Target' }).fill('7');
    await objective.getByRole('textbox', { name: 'Target' }).press('Tab');
    expect(await seriousA11yViolations(plan)).toEqual([]);
    await plan.getByRole('button', { name: 'Save a new version' }).click();
    await plan.getByRole('status').filter({ hasText: 'Saved as version 1.' }).waitFor();
    await expect.poll(() => plan.locator('[data-status]').first().getAttribute('data-status'), POLL).toBe('no-data');
  });

  it('both partners check in on their own screens; Sam’s answer turns the objective met', async () => {
    for (const [actor, value] of [
      [room.alex, '5'],
      [room.sam, '8'],
    ] as const) {
      const page = actor.page;
      if (actor === room.sam) await page.locator('[role="tab"][aria-controls$="private"]').click();
      await page.locator('.measures-partner').getByRole('button', { name: 'Answer' }).click();
      const card = page.getByRole('dialog', { name: 'Check-in' });
      await card.getByRole('radio', { name: value, exact: true }).check();
      await card.getByRole('button', { name: 'Send' }).click();
      await card.waitFor({ state: 'detached' });
    }
    await plan.reload();
    await expect.poll(() => plan.locator('[data-status]').first().getAttribute('data-status'), POLL).toBe('met');
    expect(await plan.locator('.objective-status').first().innerText()).toContain('Status: Met');
    // The objective's chart: Sam's line only (the objective reads his answers).
    await plan.locator('[data-point="b:8"]').first().waitFor();
    expect(await plan.locator('.plan-objective-status [data-point^="a:"]').count()).toBe(0);
  });

  it('the progress page charts both partners side by side, with the same data as a table, and prints the report', async () => {
    await plan.getByRole('link', { name: 'Progress' }).click();
    await plan.getByRole('heading', { level: 1, name: 'Progress: Alex & Sam' }).waitFor();
    const measure = plan.locator('[data-instrument="tandem.check-in"]');
    const svg = measure.locator('svg.series-chart');
    await svg.waitFor();
    expect(await svg.locator('title').first().textContent()).toBe('Check-in');
    expect(await svg.locator('desc').first().textContent()).toMatch(
      /Alex: 1 points, latest 5.*Sam: 1 points, latest 8/,
    );
    // Points are focusable, each with whose, when and what.
    const samPoint = measure.locator('[data-point="b:8"]');
    await samPoint.focus();
    expect(await samPoint.getAttribute('aria-label')).toMatch(/^Sam, .+, 8$/);
    expect(await plan.evaluate(() => document.activeElement?.getAttribute('data-point'))).toBe('b:8');
    await measure.getByText('The same data as a table').click();
    const rows = await measure.locator('table tbody tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/Alex 5$/),
      expect.stringMatching(/Sam 8$/),
      // 5 and 8 differ by more than Tandem's threshold on a 0-10 scale (2): flagged as a divergence.
      expect.stringMatching(/Alex – Sam partners differ by 3$/),
    ]);
    expect(await measure.locator('[data-flag=gap]').count()).toBe(1);
    expect(await seriousA11yViolations(plan)).toEqual([]);

    const [pdf] = await Promise.all([
      plan.waitForEvent('download'),
      plan.getByRole('button', { name: 'Download the progress report (PDF)' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/^progress-\d{4}-\d\d-\d\d\.pdf$/);
    const bytes = fs.readFileSync(await pdf.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-8).toString('latin1')).toContain('%%EOF');
  });
});
