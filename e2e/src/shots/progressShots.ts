/**
 * Screenshots for people to look at (not a test): the treatment plan and progress pages at 375, 412, 1280 and 1920
 * wide, in English and Spanish, with twelve weeks of made-up data (weekly ratings, check-outs, the conflict log,
 * a task) written straight into the app's SQLite file, the way the partners' pages will write them.
 * Run after `npm run build`: `npx tsx e2e/src/shots/progressShots.ts [outDir]` (default /tmp/shots-progress).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { PlanContent } from '@tandem/shared';
import { newActor } from '../browser.js';
import { api, jointSession } from '../scenario.js';
import { SHOT_LANGUAGES, runShots } from './shoot.js';

const outDir = process.argv[2] ?? '/tmp/shots-progress';
const WIDTHS = process.env['PDF_ONLY']
  ? []
  : ([
      { width: 375, height: 740 },
      { width: 412, height: 860 },
      { width: 1280, height: 800 },
      { width: 1920, height: 1080 },
    ] as const);
const DAY = 86_400_000;

runShots(outDir, async ({ app, browser }) => {
  const s = await jointSession(app, browser);
  const alex = s.couple.partners.find((p) => p.slot === 'a')!.id;
  const sam = s.couple.partners.find((p) => p.slot === 'b')!.id;
  const now = Date.now();
  const db = new Database(path.join(app.dataDir, 'tandem.sqlite'));
  const answer = db.prepare(
    `insert into measure_responses (id, couple_id, partner_id, session_id, occasion, instrument_id,
        instrument_version, answers, score, answered_at, updated_at) values (?, ?, ?, null, ?, ?, 1, '{}', ?, ?, ?)`,
  );
  const alexWeekly = [14, 15, 17, 16, 19, 20, 21, 22, 22, 24, 25, 26];
  const samWeekly = [12, 12, 13, 11, 12, 10, 9, 9, 10, 12, 13, 15];
  const alexOut = [30, 31, 33, 32, 34, 35];
  const samOut = [26, 28, 20, 18, 25, 27];
  for (let w = 0; w < 12; w++) {
    const at = now - (11 - w) * 7 * DAY - DAY;
    answer.run(randomUUID(), s.couple.id, alex, 'weekly', 'tandem.weekly-ratings', alexWeekly[w], at, at);
    answer.run(randomUUID(), s.couple.id, sam, 'weekly', 'tandem.weekly-ratings', samWeekly[w], at + 3_600_000, at);
    if (w % 2 === 0) {
      const i = w / 2;
      answer.run(randomUUID(), s.couple.id, alex, 'check-out', 'tandem.check-out', alexOut[i], at + DAY, at);
      answer.run(randomUUID(), s.couple.id, sam, 'check-out', 'tandem.check-out', samOut[i], at + DAY, at);
    }
  }
  const conflict = db.prepare(
    `insert into conflict_entries (id, couple_id, partner_id, occurred_at, duration_min, repair_min, pause_used,
        helped, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, null, ?, ?)`,
  );
  const lengths = [70, 55, 60, 45, 40, 50, 35, 30, 25, 30, 20, 18];
  for (let w = 0; w < 12; w++) {
    const at = now - (11 - w) * 7 * DAY - 2 * DAY;
    conflict.run(randomUUID(), s.couple.id, w % 2 ? sam : alex, at, lengths[w], lengths[w]! * 3, w > 4 ? 1 : 0, at, at);
  }
  db.close();

  const start = new Date(now - 80 * DAY).toISOString().slice(0, 10);
  const plan: PlanContent = {
    reviewIntervalDays: 90,
    goals: [
      {
        id: randomUUID(),
        title: 'Feel closer and safer with each other',
        owner: 'shared',
        objectives: [
          {
            id: randomUUID(),
            text: 'Weekly relationship ratings at 24 or more for both',
            measure: { kind: 'instrument', instrumentId: 'tandem.weekly-ratings', whose: 'both' },
            target: 24,
            direction: 'up',
            startDate: start,
            reviewDate: null,
          },
          {
            id: randomUUID(),
            text: 'Fights shorter than 20 minutes',
            measure: { kind: 'conflict', metric: 'fightLength', whose: 'both' },
            target: 20,
            direction: 'down',
            startDate: start,
            reviewDate: null,
          },
        ],
      },
      {
        id: randomUUID(),
        title: 'Sam feels heard in sessions',
        owner: 'b',
        objectives: [
          {
            id: randomUUID(),
            text: 'Sam’s check-out at 32 or more',
            measure: { kind: 'instrument', instrumentId: 'tandem.check-out', whose: 'b' },
            target: 32,
            direction: 'up',
            startDate: start,
            reviewDate: null,
          },
        ],
      },
    ],
  };
  await api(app, 'PUT', `/couples/${s.couple.id}/plan`, plan, s.therapistCookie);
  await api(
    app,
    'POST',
    `/couples/${s.couple.id}/plan/reviews`,
    { note: 'First month: repair is faster.' },
    s.therapistCookie,
  );
  for (const lang of ['en', 'es'] as const) {
    const res = await fetch(`${app.url}/api/couples/${s.couple.id}/progress.pdf?lang=${lang}`, {
      headers: { cookie: s.therapistCookie },
    });
    fs.writeFileSync(path.join(outDir, `progress-report-${lang}.pdf`), Buffer.from(await res.arrayBuffer()));
  }
  const token = s.therapistCookie.split('=')[1] ?? '';
  for (const actor of [s.therapist, s.alex, s.sam]) await actor.context.close();

  for (const language of SHOT_LANGUAGES) {
    for (const viewport of WIDTHS) {
      const t = await newActor(browser, 'therapist', { baseURL: app.url, viewport });
      await t.context.addCookies([{ name: 'tandem_session', value: token, url: app.url }]);
      const page = t.page;
      await page.goto('/');
      await page.evaluate((lang) => sessionStorage.setItem('tandem.language', lang), language);
      for (const what of ['plan', 'progress'] as const) {
        await page.goto(`/couples/${s.couple.id}/${what}`);
        await page.locator('svg.series-chart').first().waitFor();
        await page.locator(`html[lang=${language}]`).waitFor();
        const file = (suffix: string) => path.join(outDir, `${what}-${viewport.width}-${language}${suffix}.png`);
        await page.screenshot({ path: file(''), fullPage: true });
        // The whole page in screen-high pieces too, to look at closely.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0, i = 0; y < height; y += viewport.height, i++) {
          const clip = { x: 0, y, width: viewport.width, height: Math.min(viewport.height, height - y) };
          await page.screenshot({ path: file(`-part${i}`), fullPage: true, clip });
        }
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) console.log(`${what} ${viewport.width} ${language}: scrolls sideways by ${overflow}px`);
      }
      await t.context.close();
      console.log(`saved ${viewport.width} ${language}`);
    }
  }
});
