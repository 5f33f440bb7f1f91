/**
 * Between the sessions: the therapist records the task on the record and issues Sam's personal link on the couple's
 * page; Sam opens it on a 375 px phone in Spanish, ticks the task with a reflection, rates the week and logs a
 * conflict; the therapist sees all of it. Alex's reflection and log entry never reach Sam's browser (every body
 * and frame it receives is searched). A plan objective on Sam's own conflict log goes from no data to met, and
 * its chart draws Sam's own minutes. A revoked link gets a clear page. Axe-clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { CreatedSessionDto, IssuedCaseLinkDto, PlanDto, SessionHomeworkDto } from '@tandem/shared';
import { startApp, type RunningApp } from './app.js';
import {
  PHONE,
  launchChromium,
  newActor,
  screenshot,
  seriousA11yViolations,
  type Actor,
  chooseLanguage,
  POLL,
} from './browser.js';
import { api, jointSession, type Scenario } from './scenario.js';
import { captureWire } from './wire.js';

const TASK = 'Ten minutes of talk, phones away';
const ALEX = { reflection: 'ZZ-ALEX-REFLECTION-901', helped: 'ZZ-ALEX-HELPED-902' };
/** Alex's conflict in minutes: numbers nobody else logs, searched for on Sam's wire as their chart values. */
const ALEX_MINUTES = { duration: 1_777, repair: 1_913 };
const SAM = { reflection: 'Nos costó empezar, pero funcionó', helped: 'Salir a caminar' };

describe('between sessions: a personal link, the task, the weekly ratings and the conflict log', () => {
  let app: RunningApp;
  let browser: Browser;
  let s: Scenario;
  let sam: Actor;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    s = await jointSession(app, browser);
    await api(app, 'POST', `/sessions/${s.session.session.id}/end`, undefined, s.therapistCookie);
    sam = await newActor(browser, 'sam-phone', { baseURL: app.url, viewport: PHONE, locale: 'es-ES' });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  const partner = (name: 'Alex' | 'Sam') => s.couple.partners.find((p) => p.displayName === name)!;

  it('the therapist records the task and issues Sam’s link', async () => {
    const t = s.therapist.page;
    await t.goto(`/sessions/${s.session.session.id}/record`);
    const panel = t.locator('[data-record-section="homework"]');
    await panel.getByRole('radio', { name: 'Every day' }).click();
    await panel.getByRole('textbox', { name: 'The task' }).fill(TASK);
    await panel.getByRole('button', { name: 'Add the task' }).click();
    await panel.getByText('Task added. It is on the partners’ pages.').waitFor();
    await panel.locator('table[data-table="tasks"]').getByText(TASK).waitFor();
    expect(await seriousA11yViolations(t)).toEqual([]);

    await t.goto(`/couples/${s.couple.id}`);
    const links = t.locator('[data-section="case-links"]');
    await links.getByRole('button', { name: 'Create Sam’s link' }).click();
    await links.getByText('New link for Sam. Copy it now: it is shown only once.').waitFor();
    await links.getByRole('button', { name: 'Copy link for Sam' }).waitFor();
    expect(await seriousA11yViolations(t)).toEqual([]);
  });

  /** The plan's one objective: Sam's fights shorter than 30 minutes, measured by Sam's own conflict log. */
  const planStatus = async () => {
    const res = await api<PlanDto>(app, 'GET', `/couples/${s.couple.id}/plan`, undefined, s.therapistCookie);
    return res.data.statuses[0]?.status;
  };

  it('the therapist’s plan measures Sam’s conflict log: before Sam logs anything it has no data', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const saved = await api<PlanDto>(
      app,
      'PUT',
      `/couples/${s.couple.id}/plan`,
      {
        reviewIntervalDays: 90,
        goals: [
          {
            id: crypto.randomUUID(),
            title: 'Repair sooner',
            owner: 'shared',
            objectives: [
              {
                id: crypto.randomUUID(),
                text: 'Sam’s fights shorter than 30 minutes',
                measure: { kind: 'conflict', metric: 'fightLength', whose: partner('Sam').slot },
                target: 30,
                direction: 'down',
                startDate: today,
                reviewDate: null,
              },
            ],
          },
        ],
      },
      s.therapistCookie,
    );
    expect(saved.data.version).toBe(1);
    expect(await planStatus()).toBe('no-data');
  });

  it('Alex writes on their own page (set up through the API)', async () => {
    const link = await api<IssuedCaseLinkDto>(
      app,
      'POST',
      `/couples/${s.couple.id}/case-links/${partner('Alex').id}`,
      undefined,
      s.therapistCookie,
    );
    const redeemed = await api(app, 'POST', '/me/redeem', { token: link.data.url.split('#')[1] });
    const cookie = redeemed.setCookie[0]!.split(';')[0]!;
    const hw = await api<SessionHomeworkDto>(
      app,
      'GET',
      `/sessions/${s.session.session.id}/homework`,
      undefined,
      s.therapistCookie,
    );
    const task = hw.data.agreed[0]!;
    await api(app, 'PUT', `/me/homework/${task.id}/mark`, { done: true, reflection: ALEX.reflection }, cookie);
    await api(
      app,
      'POST',
      '/me/conflicts',
      {
        occurredAt: new Date().toISOString(),
        durationMin: ALEX_MINUTES.duration,
        repairMin: ALEX_MINUTES.repair,
        pauseUsed: true,
        helped: ALEX.helped,
      },
      cookie,
    );
  });

  it('Sam, on a phone in Spanish, ticks the task, rates the week and logs a conflict; none of Alex’s reaches them', async () => {
    const url = await s.therapist.page.locator('[data-section="case-links"] [data-partner="Sam"] input').inputValue();
    const p = sam.page;
    const wire = await captureWire(p);
    await p.goto(url);
    await p.waitForURL('**/me');
    await chooseLanguage(p, 'es');
    // First the confidentiality policy, once: the page opens when Sam says they understand it.
    await p.locator('[data-view="policy-gate"]').getByRole('button', { name: 'Entiendo' }).click();
    await p.getByRole('heading', { level: 1, name: 'Hola, Sam' }).waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    const card = p.locator('.between-task').filter({ hasText: TASK });
    await card.getByRole('textbox', { name: 'Tu reflexión privada (opcional)' }).fill(SAM.reflection);
    await card.getByRole('checkbox', { name: 'Hecha hoy' }).click();
    await card.getByText('Guardado').waitFor();

    const week = p.locator('[data-section="weekly"]');
    for (const [item, value] of [
      ['Conexión con mi pareja', '6'],
      ['Confianza', '7'],
      ['Cercanía', '5'],
    ] as const) {
      await week.getByRole('radiogroup', { name: item }).getByRole('radio', { name: value, exact: true }).click();
    }
    await week.getByRole('button', { name: 'Enviar' }).click();
    await week.getByText('Tus valoraciones de esta semana están guardadas.').waitFor();

    const log = p.locator('[data-section="conflicts"]');
    await log.getByRole('textbox', { name: 'Cuánto duró, más o menos (minutos)' }).fill('20');
    await log.getByRole('textbox', { name: 'Tiempo hasta volver a sentir cercanía (minutos)' }).fill('45');
    await log.getByRole('radio', { name: 'Sí' }).click();
    await log.getByRole('textbox', { name: 'Qué ayudó (opcional)' }).fill(SAM.helped);
    await log.getByRole('button', { name: 'Añadir a mi registro' }).click();
    await log.getByText('Añadido a tu registro.').waitFor();
    await log.locator('.between-entry').getByText(SAM.helped).waitFor();

    expect(await seriousA11yViolations(p)).toEqual([]);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // A reload keeps everything (it is stored, not held by the page).
    await p.reload();
    await p.locator('.between-entry').getByText(SAM.helped).waitFor();
    await expect.poll(() => p.locator('.between-task textarea').inputValue(), POLL).toBe(SAM.reflection);
    // Sam's own charts: their ratings and their log, drawn and tabled; Alex's numbers never on the wire.
    const charts = p.locator('[data-section="own-charts"]');
    await charts.locator('[data-instrument="tandem.weekly-ratings"] .series-chart').waitFor();
    await charts.locator('[data-metric="repairTime"] .series-chart').waitFor();
    expect(await seriousA11yViolations(p)).toEqual([]);
    await wire.stop();
    expect(wire.find('"meanRepairMin":45').length).toBeGreaterThan(0);
    for (const marker of [`"meanRepairMin":${ALEX_MINUTES.repair}`, `"meanFightMin":${ALEX_MINUTES.duration}`]) {
      expect(wire.find(marker)).toEqual([]);
    }
    for (const marker of Object.values(ALEX)) expect(wire.find(marker)).toEqual([]);
    expect(wire.find(SAM.helped).length).toBeGreaterThan(0);
    expect(sam.missingKeys).toEqual([]);
  });

  it('the therapist’s plan and chart pick up what Sam logged: the objective is met, Sam’s 20 minutes drawn', async () => {
    await expect.poll(planStatus, POLL).toBe('met');
    const t = s.therapist.page;
    await t.goto(`/couples/${s.couple.id}/plan`);
    await expect.poll(() => t.locator('[data-status]').first().getAttribute('data-status'), POLL).toBe('met');
    // Sam's own 20 minutes, drawn as Sam's (not the couple's mean with Alex's log).
    await t.locator('[data-point="b:20"]').first().waitFor();
    expect(await t.locator('[data-point^="couple:"]').count()).toBe(0);
    expect(await seriousA11yViolations(t)).toEqual([]);
    await t.goto(`/couples/${s.couple.id}`);
  });

  it('the therapist sees both partners’ ticks, reflections, ratings and log entries; revoking closes Sam’s page', async () => {
    const t = s.therapist.page;
    await t.reload();
    const overview = t.locator('[data-section="between-overview"]');
    for (const text of [SAM.reflection, ALEX.reflection, SAM.helped, ALEX.helped]) {
      await overview.getByText(text).waitFor();
    }
    const weekly = overview.locator('table[data-table="weekly"] tbody tr');
    await expect.poll(() => weekly.count(), POLL).toBe(1);
    expect(await weekly.first().innerText()).toMatch(/Sam\s+.+\s+6\s+7\s+5/);
    expect(await seriousA11yViolations(t)).toEqual([]);

    // At the next session, beside the check-in, the therapist reviews the last task with each partner's mark.
    const next = await api<CreatedSessionDto>(
      app,
      'POST',
      '/sessions',
      { coupleId: s.couple.id, kind: 'joint' },
      s.therapistCookie,
    );
    await t.goto(`/sessions/${next.data.session.id}`);
    const review = t.locator('[data-section="last-task"]');
    await review.getByText(TASK).waitFor();
    for (const text of [SAM.reflection, ALEX.reflection]) await review.getByText(text).waitFor();

    // Alex comes into that session: the task is in their private panel, with their own reflection only.
    const invite = next.data.invites.find((i) => i.partnerId === partner('Alex').id)!;
    const a = s.alex.page;
    await a.goto(invite.url);
    await a.getByRole('button', { name: 'I understand' }).click();
    await t.getByRole('button', { name: 'Admit Alex' }).click();
    const tasks = a.locator('[data-section="room-tasks"]');
    await tasks.getByRole('heading', { level: 4, name: TASK }).waitFor();
    await expect.poll(() => tasks.locator('textarea').inputValue(), POLL).toBe(ALEX.reflection);
    expect(await tasks.innerText()).not.toContain(SAM.reflection);
    await tasks.scrollIntoViewIfNeeded();
    await screenshot(a, 'between-room-tasks');

    await t.goto(`/couples/${s.couple.id}`);
    const links = t.locator('[data-section="case-links"]');
    await links.getByRole('button', { name: 'Revoke Sam’s link' }).click();
    await t.getByRole('alertdialog').getByRole('button', { name: 'Revoke', exact: true }).click();
    await links.getByText('Sam’s link is revoked.').waitFor();

    await sam.page.reload();
    await sam.page.getByRole('heading', { level: 1, name: 'Esta página está cerrada en este dispositivo' }).waitFor();
    expect(await seriousA11yViolations(sam.page)).toEqual([]);
    expect([...s.therapist.errors, ...sam.errors]).toEqual([]);
  });
});
