/**
 * After the session: the therapist ends it, opens the session record from the end screen, sees who attended and
 * the map, then writes and signs the couples progress note (risk answered for each partner) and adds an
 * addendum, names the practice and downloads the record as a PDF (a partner's browser gets none). Every page is
 * axe-clean in English and Spanish.
 */
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations, chooseLanguage, POLL } from './browser.js';
import { roomFixture } from './fixture.js';
import { endWithTemplateAndOpenRecord } from './scenario.js';

describe('the session record and the progress note', () => {
  const s = roomFixture();

  it('the therapist ends the session and opens its record from the end screen', async () => {
    const t = s.therapist.page;
    await endWithTemplateAndOpenRecord(t);
    await t.getByRole('heading', { level: 1, name: 'Session record' }).waitFor();

    const attendance = t.locator('[data-record-section=attendance]');
    for (const name of ['Dr Rivera', 'Alex', 'Sam'])
      await expect.poll(() => attendance.innerText(), POLL).toContain(name);
    expect(await t.locator('[data-person=a]').innerText()).toMatch(/Device 1: (under 1|\d+) min, 0 drops, 0 rejoins/);
    const picture = t.getByRole('img', { name: /conflict-cycle map as it stood at the end/ });
    await picture.waitFor();
    expect(await t.locator('[data-record-section=map]').innerText()).toContain('Added (');
    expect(await seriousA11yViolations(t)).toEqual([]);
    await chooseLanguage(t, 'es');
    await t.getByRole('heading', { level: 1, name: 'Registro de la sesión' }).waitFor();
    expect(await seriousA11yViolations(t)).toEqual([]);
    await chooseLanguage(t, 'en');
  });

  it('writes the note from the record’s suggestions, signs it once risk is answered, and adds an addendum', async () => {
    const t = s.therapist.page;
    await t.getByRole('link', { name: 'Progress note' }).click();
    await t.getByRole('heading', { level: 1, name: 'Progress note' }).waitFor();
    const attendance = t.getByRole('textbox', { name: 'Attendance and length' });
    await expect.poll(() => attendance.inputValue(), POLL).toMatch(/Alex (under 1|\d+) min.*Sam (under 1|\d+) min/);
    expect(await t.getByRole('textbox', { name: 'Cycle reviewed' }).inputValue()).toMatch(/Map: \d+ cards added/);

    // Signing waits for a risk answer for each partner.
    const sign = t.getByRole('button', { name: 'Sign the note' });
    expect(await sign.isDisabled()).toBe(true);
    expect(await seriousA11yViolations(t)).toEqual([]);
    await chooseLanguage(t, 'es');
    await t.getByRole('heading', { level: 1, name: 'Nota de evolución' }).waitFor();
    expect(await seriousA11yViolations(t)).toEqual([]);
    await chooseLanguage(t, 'en');

    await t.getByRole('radio', { name: 'SOAP' }).check();
    const alex = t.locator('fieldset[data-partner=a]');
    const sam = t.locator('fieldset[data-partner=b]');
    await alex.getByRole('textbox', { name: 'Presentation' }).fill('Calm, engaged');
    await alex.getByRole('radio', { name: 'None' }).check();
    await sam.getByRole('textbox', { name: 'Presentation' }).fill('Tearful at first');
    await sam.getByRole('radio', { name: 'Low' }).check();
    await t.getByRole('textbox', { name: 'Plan' }).fill('Practise the pause twice before next week.');
    await t.getByRole('button', { name: 'Save draft' }).click();
    await t.getByText('Draft saved.').waitFor();

    await sign.click();
    await t.getByRole('alertdialog').getByRole('button', { name: 'Sign', exact: true }).click();
    await t.getByText(/Signed by Dr Rivera on .+\. This note is locked\./).waitFor();
    expect(await t.getByRole('textbox', { name: 'Plan' }).count()).toBe(0);
    expect(await t.locator('[data-note=signed]').innerText()).toContain('Practise the pause twice before next week.');

    await t.getByRole('textbox', { name: 'Addendum' }).fill('Sam later said the risk is none.');
    await t.getByRole('button', { name: 'Add addendum' }).click();
    await t.getByText('Addendum added.').waitFor();
    await t.reload();
    await t.getByText('Sam later said the risk is none.').waitFor();
    expect(await t.locator('.note-addenda li').count()).toBe(1);
    expect(await seriousA11yViolations(t)).toEqual([]);
    await chooseLanguage(t, 'es');
    await t.getByText(/Firmada por Dr Rivera el .+\. Esta nota está bloqueada\./).waitFor();
    expect(await seriousA11yViolations(t)).toEqual([]);
    await chooseLanguage(t, 'en');
  });

  it('names the practice, then downloads the record with its signed note as a PDF from the record page', async () => {
    const t = s.therapist.page;
    const recordUrl = `/sessions/${s.session.session.id}/record`;

    await t.goto(`${s.app.url}/account/practice`);
    const practice = t.getByRole('textbox', { name: 'Practice name' });
    await expect.poll(() => practice.isEnabled(), POLL).toBe(true);
    await practice.fill('Consulta Núñez');
    await t.getByRole('button', { name: 'Save practice name' }).click();
    await t.getByText('Practice name saved.').waitFor();
    expect(await seriousA11yViolations(t)).toEqual([]);

    await t.goto(`${s.app.url}${recordUrl}`);
    await t.getByRole('heading', { level: 1, name: 'Session record' }).waitFor();
    const [download] = await Promise.all([
      t.waitForEvent('download'),
      t.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^session-record-\d{4}-\d{2}-\d{2}\.pdf$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const pdf = Buffer.concat(chunks);
    expect(pdf.length).toBeGreaterThan(5_000);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(pdf.subarray(-8).toString('latin1')).toContain('%%EOF');
    // The button is back, with no error shown.
    await t.getByRole('button', { name: 'Download PDF' }).waitFor();
    expect(await t.locator('.pdf-download [role=alert]').count()).toBe(0);
    expect(await seriousA11yViolations(t)).toEqual([]);
    await chooseLanguage(t, 'es');
    await t.getByRole('button', { name: 'Descargar PDF' }).waitFor();
    expect(await seriousA11yViolations(t)).toEqual([]);
    await chooseLanguage(t, 'en');
  });

  it('a partner’s browser gets no PDF', async () => {
    const res = await s.alex.page.request.get(`${s.app.url}/api/sessions/${s.session.session.id}/record.pdf`);
    expect([401, 403, 404]).toContain(res.status());
    expect((await res.body()).toString('latin1')).not.toContain('%PDF');
  });
});
