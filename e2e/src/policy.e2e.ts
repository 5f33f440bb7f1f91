/**
 * The confidentiality policy per couple (issue 15): Sam, on a 375 px phone in Spanish, reads the policy before the
 * waiting room; the therapist changes it on the couple's page (a new version with their own words); Sam, coming
 * back to the link, must acknowledge the new version (by keyboard; the quick exit stays on that screen); Alex
 * acknowledges it on their own page, which stays closed until then. The therapist sees each acknowledgement and
 * the history. Axe-clean, no sideways scrolling on the phone.
 */
import { describe, expect, it } from 'vitest';
import type { IssuedCaseLinkDto } from '@tandem/shared';
import { PHONE, newActor, seriousA11yViolations, chooseLanguage, POLL } from './browser.js';
import { api } from './scenario.js';
import { sessionFixture } from './fixture.js';

const WORDS = 'ZZ-OWN-WORDS: I will tell you both before anything private comes up.';

describe('the confidentiality policy: versions, acknowledgements and the history', () => {
  const s = sessionFixture();

  it('Sam acknowledges version 1 on the phone before the waiting room', async () => {
    const p = s.sam.page;
    await p.goto(s.inviteFor('Sam'));
    await chooseLanguage(p, 'es');
    const screen = p.locator('[data-view="policy"]');
    await screen.getByText('Sin secretos').waitFor();
    await p.getByRole('button', { name: 'Salida rápida' }).waitFor();
    await screen.getByRole('button', { name: 'Entiendo' }).click();
    await p.getByText('Su terapeuta le dejará entrar.').waitFor();
  });

  it('the therapist sees who read it, and saves a new version with their own words', async () => {
    const t = s.therapist.page;
    await t.goto(`/couples/${s.couple.id}`);
    const section = t.locator('[data-section="policy"]');
    await section.locator('[data-partner="Sam"][data-acknowledged="true"]').waitFor();
    await section.locator('[data-partner="Alex"][data-acknowledged="false"]').getByText('not read yet').waitFor();
    await section.getByRole('radio', { name: 'Secrets kept' }).check();
    await section.getByRole('textbox', { name: 'Your own words (optional)' }).fill(WORDS);
    await section.getByRole('button', { name: 'Save as a new version' }).click();
    await section.getByText('Saved as version 2. Each partner will be asked to read it.').waitFor();
    await section.locator('[data-partner="Sam"][data-acknowledged="false"]').waitFor();
    expect(await seriousA11yViolations(t)).toEqual([]);
  });

  it('Sam must acknowledge the new version, by keyboard, on the 375 px phone', async () => {
    const p = s.sam.page;
    await p.reload();
    const screen = p.locator('[data-view="policy"]');
    await screen.getByText('Su terapeuta ha actualizado esta política.').waitFor();
    await screen.getByText('Secretos guardados').waitFor();
    await screen.getByText(WORDS).waitFor();
    // Nothing else: no waiting room until it is acknowledged; the quick exit is still there.
    expect(await p.getByText('Su terapeuta le dejará entrar.').count()).toBe(0);
    await p.getByRole('button', { name: 'Salida rápida' }).waitFor();
    const button = screen.getByRole('button', { name: 'Entiendo' });
    const box = await button.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousA11yViolations(p)).toEqual([]);
    await button.focus();
    await p.keyboard.press('Enter');
    await p.getByText('Su terapeuta le dejará entrar.').waitFor();
  });

  it('Alex’s own page stays closed until Alex acknowledges version 2', async () => {
    const alexId = s.couple.partners.find((x) => x.displayName === 'Alex')!.id;
    const link = await api<IssuedCaseLinkDto>(
      s.app,
      'POST',
      `/couples/${s.couple.id}/case-links/${alexId}`,
      undefined,
      s.therapistCookie,
    );
    const a = (await newActor(s.browser, 'alex-case', { baseURL: s.app.url, viewport: PHONE })).page;
    await a.goto(link.data.url);
    await a.waitForURL('**/me');
    const gate = a.locator('[data-view="policy-gate"]');
    await gate.getByText(WORDS).waitFor();
    expect(await a.locator('[data-section="tasks"]').count()).toBe(0);
    await a.getByRole('button', { name: 'Quick exit' }).waitFor();
    expect(await seriousA11yViolations(a)).toEqual([]);
    await gate.getByRole('button', { name: 'I understand' }).click();
    const mine = a.locator('[data-section="policy"]');
    await mine.getByText(/Version 2: you said you understood it on/).waitFor();
    await mine.getByRole('link', { name: 'Download my data (JSON)' }).waitFor();
    await a.locator('[data-section="tasks"]').waitFor();
  });

  it('the therapist sees both acknowledgements of version 2 and the whole history', async () => {
    const t = s.therapist.page;
    await t.reload();
    const section = t.locator('[data-section="policy"]');
    for (const name of ['Alex', 'Sam']) {
      await section.locator(`[data-partner="${name}"][data-acknowledged="true"]`).waitFor(POLL);
    }
    await section.locator('[data-part="history"] summary').click();
    const history = section.locator('[data-part="history"]');
    await history.getByText(/Version 2: Secrets kept/).waitFor();
    await history.getByText(/Version 1: No secrets/).waitFor();
    for (const line of [/Sam read version 1/, /Sam read version 2/, /Alex read version 2/]) {
      await history.getByText(line).waitFor();
    }
    expect(await history.getByText(/Alex read version 1/).count()).toBe(0);
    expect(await seriousA11yViolations(t)).toEqual([]);
  });
});
