/**
 * Safety before joint work (issue 15): the therapist sends Alex the private screening from the couple's page;
 * Alex answers it alone on their own page (with risk) and gives their safety details; Sam, on a 375 px phone in
 * Spanish, fills in their safety details by keyboard and says where they are in the waiting room, which reaches
 * the therapist's room live. The couple's page raises the flag. None of Alex's (the screening's id, the answers,
 * the address) reaches either of Sam's browsers, in any frame or body. Axe-clean, no sideways scrolling.
 */
import { describe, expect, it } from 'vitest';
import type { CoupleSafetyDto, IssuedCaseLinkDto } from '@tandem/shared';
import { PHONE, newActor, seriousA11yViolations, selectedLabel, type Actor, chooseLanguage } from './browser.js';
import { api } from './scenario.js';
import { sessionFixture } from './fixture.js';
import { captureWire, type WireCapture } from './wire.js';

const ALEX = {
  contact: 'ZZ-ALEX-CONTACT-511',
  address: 'ZZ-ALEX-ADDRESS-512',
  note: 'ZZ-ALEX-SCREENING-NOTE-513',
};
const SAM = {
  contact: 'Ana Pérez',
  phone: '+34 600 123 456',
  relation: 'Una amistad',
  address: 'Calle Luna 5, Madrid',
};

describe('safety before joint work: the private screening, the intake and where each partner is', () => {
  const s = sessionFixture();
  let alex: Actor;
  let samCase: Actor;
  const wires: WireCapture[] = [];

  const partner = (name: 'Alex' | 'Sam') => s.couple.partners.find((p) => p.displayName === name)!;
  const caseActor = async (name: 'Alex' | 'Sam', viewport = { width: 1280, height: 800 }, locale = 'en-US') => {
    const link = await api<IssuedCaseLinkDto>(
      s.app,
      'POST',
      `/couples/${s.couple.id}/case-links/${partner(name).id}`,
      undefined,
      s.therapistCookie,
    );
    const actor = await newActor(s.browser, `${name}-case`, { baseURL: s.app.url, viewport, locale });
    return { actor, url: link.data.url };
  };

  it('the therapist sends Alex the screening; Alex answers it alone and gives their safety details', async () => {
    const t = s.therapist.page;
    await t.goto(`/couples/${s.couple.id}`);
    const safety = t.locator('[data-section="couple-safety"]');
    await safety.getByRole('button', { name: 'Send the screening to Alex' }).click();
    await safety.getByText('Sent to Alex. It appears on their personal page only.').waitFor();
    expect(await seriousA11yViolations(t)).toEqual([]);

    const a = await caseActor('Alex');
    alex = a.actor;
    const p = alex.page;
    await p.goto(a.url);
    await p.waitForURL('**/me');
    await p.locator('[data-view="policy-gate"]').getByRole('button', { name: 'I understand' }).click();
    const form = p.locator('[data-section="screening"]');
    await form.getByRole('heading', { name: 'Safety at home' }).waitFor();
    const answers: [string, string][] = [
      ['How often have you felt unsafe at home?', 'Never'],
      ['How often have you felt afraid of your partner?', 'Sometimes'],
      ['How often has your partner pushed, grabbed, hit, choked or otherwise physically hurt you?', 'Never'],
      ['How often has your partner threatened to hurt you, your children, your pets or themself?', 'Never'],
      ['How often has your partner kept you from money, your phone, work, friends or family?', 'Never'],
      ['How often has your partner checked your messages, location or movements against your wishes?', 'Never'],
      ['How often have you been pressured or forced into sexual activity you did not want?', 'Never'],
      [
        'How often have you held back from saying something to the therapist because of what might happen at home afterwards?',
        'Once or twice',
      ],
      ['Right now, do sessions together with your partner feel safe for you?', 'No'],
    ];
    // Each question is a labelled group of worded choices (the first found by its accessible name, the rest in order:
    // role queries with long names are slow on a page this size).
    await form.getByRole('radiogroup', { name: answers[0]![0] }).waitFor();
    const groups = form.locator('[role="radiogroup"]');
    expect(await groups.count()).toBe(answers.length);
    for (const [i, [item, value]] of answers.entries()) {
      const group = groups.nth(i);
      expect(await group.getAttribute('aria-labelledby').then((id) => p.locator(`[id="${id}"]`).innerText())).toBe(
        item,
      );
      await group.getByText(value, { exact: true }).click();
    }
    await form
      .getByRole('textbox', { name: 'Anything else you would like your therapist to know (optional)' })
      .fill(ALEX.note);
    expect(await seriousA11yViolations(p)).toEqual([]);
    await form.getByRole('button', { name: 'Send' }).click();
    await p.getByText('Your answers went to your therapist only.').waitFor();

    const intake = p.locator('[data-section="intake"]');
    await intake.getByRole('textbox', { name: 'Their name' }).fill(ALEX.contact);
    await intake.getByRole('textbox', { name: 'Their phone number' }).fill('+1 555 0100');
    await intake.getByRole('textbox', { name: 'Who they are to you' }).fill('Brother');
    await intake.getByRole('textbox', { name: 'Your usual address' }).fill(ALEX.address);
    await intake.getByRole('combobox', { name: 'Country' }).selectOption({ label: 'United States' });
    await intake.getByRole('checkbox', { name: 'I have read this and I agree' }).click();
    await intake.getByRole('button', { name: 'Save my safety details' }).click();
    await intake.getByText('Your safety details are saved.').waitFor();
    expect(await seriousA11yViolations(p)).toEqual([]);
    // Stored: a reload shows the details, and the screening is gone from the page.
    await p.reload();
    await intake.getByText(ALEX.address, { exact: false }).waitFor();
    expect(await p.locator('[data-section="screening"]').count()).toBe(0);
  });

  it('Sam, on a phone in Spanish, gives their safety details by keyboard and says where they are; the room hears it', async () => {
    const c = await caseActor('Sam', PHONE, 'es-ES');
    samCase = c.actor;
    const p = samCase.page;
    wires.push(await captureWire(p), await captureWire(s.sam.page));
    await p.goto(c.url);
    await p.waitForURL('**/me');
    await chooseLanguage(p, 'es');
    await p.locator('[data-view="policy-gate"]').getByRole('button', { name: 'Entiendo' }).click();
    const intake = p.locator('[data-section="intake"]');
    await intake.getByRole('heading', { name: 'Datos de seguridad' }).waitFor();
    // Keyboard only, from the first field.
    await intake.getByRole('textbox', { name: 'Su nombre' }).focus();
    await p.keyboard.type(SAM.contact);
    await p.keyboard.press('Tab');
    await p.keyboard.type(SAM.phone);
    await p.keyboard.press('Tab');
    await p.keyboard.type(SAM.relation);
    await p.keyboard.press('Tab');
    await p.keyboard.type(SAM.address);
    await p.keyboard.press('Tab');
    // The country is a native select: typing the start of a name picks it (letters a keyboard has as keys: Playwright
    // types an "ñ" as inserted text, which a select does not take).
    const country = intake.getByRole('combobox', { name: 'País' });
    await expect.poll(() => country.evaluate((el) => el === document.activeElement)).toBe(true);
    await p.keyboard.type('Espa');
    await expect.poll(() => selectedLabel(country)).toBe('España');
    await p.keyboard.press('Tab');
    await p.keyboard.press('Space');
    await p.keyboard.press('Tab');
    await p.keyboard.press('Enter');
    await intake.getByText('Tus datos de seguridad están guardados.').waitFor();
    expect(await seriousA11yViolations(p)).toEqual([]);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    // The therapist waits in the room; Sam opens the session link and, waiting, says where they are.
    const t = s.therapist.page;
    await t.goto(`/sessions/${s.session.session.id}`);
    const where = t.locator('[data-section="whereabouts"]');
    await where
      .locator(`[data-partner="${partner('Sam').id}"]`)
      .getByText('Has not said where they are yet.')
      .waitFor();
    const sp = s.sam.page;
    await sp.goto(s.inviteFor('Sam'));
    await sp.getByRole('button', { name: 'I understand' }).click();
    await chooseLanguage(sp, 'es');
    const loc = sp.locator('[data-section="location"]');
    await loc.getByRole('radio', { name: `En mi lugar habitual (${SAM.address})` }).click();
    await loc.getByRole('radio', { name: 'No' }).click();
    await loc.getByRole('button', { name: 'Confirmar' }).click();
    await loc.getByText('Su terapeuta ya lo tiene.').waitFor();
    expect(await seriousA11yViolations(sp)).toEqual([]);
    expect(await sp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const samThere = where.locator(`[data-partner="${partner('Sam').id}"]`);
    await samThere.getByText(`At their usual place: ${SAM.address}`).waitFor();
    await samThere.getByText('Not somewhere private: others may overhear.').waitFor();
    await samThere.getByText('Emergency: 112 (Spain)').waitFor();
    expect(await seriousA11yViolations(t)).toEqual([]);
  });

  it('the couple’s page flags the risk; nothing of Alex’s screening or details reached Sam’s browsers', async () => {
    const t = s.therapist.page;
    await t.goto(`/couples/${s.couple.id}`);
    const safety = t.locator('[data-section="couple-safety"]');
    await safety.getByText('A screening indicates risk.').waitFor();
    await safety
      .locator(`[data-partner="${partner('Sam').id}"]`)
      .getByText(SAM.contact, { exact: false })
      .waitFor();
    await safety.locator('details summary').first().click();
    await safety.getByText(ALEX.note).waitFor();
    expect(await seriousA11yViolations(t)).toEqual([]);

    // One click: joint work paused, an individual session booked with each partner; joint ones can't be booked.
    const sessionsBefore = await t.locator('.session-list > li').count();
    await safety.getByRole('button', { name: 'Pause joint work and book an individual session with each' }).click();
    await safety.locator('[data-joint-work="paused"]').waitFor();
    await t.getByText('An individual session is booked with each partner', { exact: false }).waitFor();
    await expect.poll(() => t.locator('.session-list > li').count()).toBe(sessionsBefore + 2);
    expect(await t.getByRole('radio', { name: 'Joint session' }).isDisabled()).toBe(true);
    expect(await seriousA11yViolations(t)).toEqual([]);

    const view = await api<CoupleSafetyDto>(
      s.app,
      'GET',
      `/couples/${s.couple.id}/safety`,
      undefined,
      s.therapistCookie,
    );
    const screeningId = view.data.partners.find((p) => p.partnerId === partner('Alex').id)!.screenings[0]!.id;
    // Sam's pages once more, then every frame and body they received.
    await samCase.page.reload();
    await samCase.page.locator('[data-section="intake"]').waitFor();
    for (const w of wires) await w.stop();
    const pausedAt = view.data.jointPausedAt!;
    expect(pausedAt).not.toBeNull();
    for (const marker of [...Object.values(ALEX), screeningId, pausedAt, String(Date.parse(pausedAt))]) {
      for (const w of wires) expect(w.find(marker), marker).toEqual([]);
    }
    expect(wires[0]!.find(SAM.contact).length).toBeGreaterThan(0);
    expect([...s.therapist.errors, ...alex.errors, ...samCase.errors, ...s.sam.errors]).toEqual([]);
    expect([...alex.missingKeys, ...samCase.missingKeys, ...s.therapist.missingKeys]).toEqual([]);
  });
});
