/**
 * Dragging a card on a busy map: `node --conditions=source --import tsx server/bench/drag.ts` (needs `npm run build`).
 * Starts the built server (e2e/src/app.ts), brings a therapist (1280x800) and two partners (Alex 1280x800, Sam on
 * a phone) into the room and the call in the system Chromium (the therapist sees both partners' pictures), builds a 60-card map (a template, then four more beside it),
 * slows the therapist's CPU 4x (CDP `Emulation.setCPUThrottlingRate`, a phone's speed), then drags one card
 * across the canvas for ~3 s with a mouse move every frame (16 ms). Frames are timed in the page by a
 * requestAnimationFrame recorder; Yjs messages the dragging page sends are counted from CDP's WebSocket frames.
 * Prints one JSON line: median fps, p95 frame time, dropped frames (each frame interval past 16.7 ms counts the
 * frames it missed), long frames (> 50 ms), and that the other two saw the card land.
 * Options: --cards 60 (a multiple of 12), --seconds 3, --throttle 4, --video on|off (off: everyone in audio only);
 * BENCH_TRACE=<file.json> records a Chromium trace of the drag and prints where each thread's time went; BENCH_CSS='<rules>' adds style to the dragging page (A/B of a rule in one build); BENCH_PROFILE=<file.cpuprofile> records the
 * dragging page's CPU profile during the drag (open it in Chrome DevTools).
 */
import fs from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { startApp } from '../../e2e/src/app.js';
import { launchChromium } from '../../e2e/src/browser.js';
import { everyoneInTheRoom, jointSession } from '../../e2e/src/scenario.js';
import { summarizeTrace } from './trace.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  const v = at >= 0 ? Number(args[at + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const CARDS = opt('--cards', 60);
const SECONDS = opt('--seconds', 3);
const THROTTLE = opt('--throttle', 4);
/** `--video off`: everyone in audio only (no camera, no remote pictures), to see what the video costs a frame. */
const VIDEO = args.includes('--video') ? args[args.indexOf('--video') + 1] : 'on';
if (VIDEO !== 'on' && VIDEO !== 'off') throw new Error('--video on|off');
const FRAME_MS = 1000 / 60;

const cardCount = (page: Page) => page.locator('.react-flow__node').count();

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Frame intervals from requestAnimationFrame, started and stopped around the drag. */
async function startFrameRecorder(page: Page): Promise<void> {
  // A string, not a function: tsx's name helper (__name) does not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

async function stopFrameRecorder(page: Page): Promise<number[]> {
  return page.evaluate(`(() => {
    window.__recording = false;
    const f = window.__frames;
    return f.slice(1).map((t, i) => t - f[i]);
  })()`);
}

function printTrace(what: string, file: string): void {
  const summary = summarizeTrace(file);
  console.error(`trace of ${what}: ${file}\nmain thread wall ms: ${JSON.stringify(summary.main)}`);
  console.error(`main thread CPU ms: ${JSON.stringify(summary.mainCpu)}\ntop CPU: ${JSON.stringify(summary.mainTop)}`);
  for (const th of summary.threads) {
    console.error(`${th.process} ${th.thread} busy ${th.busy_ms} ms: ${JSON.stringify(th.top)}`);
  }
}

const quantile = (sorted: number[], q: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number) : 0;

async function main() {
  if (CARDS % 12 !== 0) throw new Error('--cards must be a multiple of 12 (one template is 12 cards)');
  const app = await startApp();
  // A real camera's frame rate: the tests' slower fake camera would flatter the figures.
  const browser = await launchChromium({ cameraFps: 24 });
  let cdp: CDPSession | null = null;
  try {
    const s = await jointSession(app, browser);
    await everyoneInTheRoom(s);
    const t = s.therapist.page;
    // Everyone joins the call (with --video off in audio only: no camera, no pictures shown), and the therapist's
    // page has both partners connected, their pictures playing, before the map is built.
    for (const page of [t, s.alex.page, s.sam.page]) {
      if (VIDEO === 'off') {
        const toggle = page.getByRole('button', { name: 'Audio only' });
        await toggle.click();
        await waitFor(async () => (await toggle.getAttribute('aria-pressed')) === 'true', 'audio only');
      }
      await page.getByRole('button', { name: 'Join the call' }).click();
      await page.getByRole('button', { name: 'Mute' }).waitFor();
    }
    await waitFor(
      async () => (await t.locator('figure.tile:not([data-self])[data-peer-state="connected"]').count()) === 2,
      'the therapist connected to both partners',
    );
    const playing = `[...document.querySelectorAll('figure.tile:not([data-self]) video')]
      .filter((v) => !v.hidden && v.readyState >= 2 && !v.paused).length`;
    await waitFor(
      async () => (await t.evaluate(playing)) === (VIDEO === 'on' ? 2 : 0),
      `the partners' pictures ${VIDEO === 'on' ? 'playing' : 'not shown'}`,
    );
    console.error(`room ready (video ${VIDEO}); building a ${CARDS}-card map`);
    for (let i = 0; i < CARDS / 12; i++) {
      await t.getByRole('button', { name: 'Insert template' }).click();
      if (i > 0) {
        await t
          .getByRole('alertdialog', { name: 'The map already has cards' })
          .getByRole('button', { name: 'Add beside' })
          .click();
      }
      await waitFor(async () => (await cardCount(t)) === (i + 1) * 12, `${(i + 1) * 12} cards`);
    }
    // Alex follows the canvas (a laptop); Sam's phone shows the list by default.
    await waitFor(async () => (await s.alex.page.locator('.react-flow__node').count()) === CARDS, 'Alex sees the map');
    await t.getByRole('button', { name: 'Fit the whole map' }).click();
    await t.waitForTimeout(500); // the fit animation (d3 transition) ends before we measure

    const canvas = await t.locator('.map-canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    // The card nearest the canvas's top-left: dragged across the canvas to the bottom-right and back.
    const card = t.locator('.react-flow__node').first();
    const id = await card.getAttribute('data-id');
    const box = await card.boundingBox();
    if (!box || !id) throw new Error('no card');
    // Grab the card's body (left of centre, clear of the connection handles on its edges).
    const start = { x: box.x + box.width * 0.3, y: box.y + box.height / 2 };
    const far = { x: canvas.x + canvas.width * 0.8, y: canvas.y + canvas.height * 0.8 };

    const flowPos = async (page: Page): Promise<string> =>
      page.evaluate(`(() => {
        const el = document.querySelector('.react-flow__node[data-id="${id}"]');
        const m = el ? new DOMMatrix(getComputedStyle(el).transform) : null;
        return m ? Math.round(m.e) + ',' + Math.round(m.f) : '';
      })()`);
    const before = await flowPos(t);
    // BENCH_CSS: style added to the dragging page first, to compare a rule with and without in one build.
    if (process.env['BENCH_CSS']) await t.addStyleTag({ content: process.env['BENCH_CSS'] });
    cdp = await t.context().newCDPSession(t);
    await cdp.send('Network.enable');
    let wsSent = 0;
    cdp.on('Network.webSocketFrameSent', () => (wsSent += 1));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });

    const profile = process.env['BENCH_PROFILE'];
    // The watching partners' pages too (<file>.alex.cpuprofile, <file>.sam.cpuprofile): what a drag costs them.
    const watchers = profile
      ? await Promise.all(
          (['alex', 'sam'] as const).map(async (who) => {
            const session = await s[who].page.context().newCDPSession(s[who].page);
            await session.send('Profiler.enable');
            await session.send('Profiler.setSamplingInterval', { interval: 500 });
            await session.send('Profiler.start');
            return { who, session };
          }),
        )
      : [];
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const trace = process.env['BENCH_TRACE'];
    // DevTools' timeline categories, without its JavaScript sampler (which would add to the frame time).
    const categories = ['-*', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute'];
    await cdp.send('Performance.enable');
    const metrics = async () =>
      new Map((await cdp!.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value] as const));
    // The same page at rest for a second first (video, clocks, presence): the floor under the drag's figures.
    const idleTrace = trace?.replace(/(\.json)?$/, '.idle.json');
    if (idleTrace) await browser.startTracing(t, { path: idleTrace, screenshots: false, categories });
    const idleBegan = Date.now();
    const i0 = await metrics();
    await startFrameRecorder(t);
    await t.waitForTimeout(1000);
    const idleFrames = await stopFrameRecorder(t);
    const i1 = await metrics();
    const idleWallMs = Date.now() - idleBegan;
    if (idleTrace) {
      await browser.stopTracing();
      printTrace('the page at rest', idleTrace);
    }
    const idleMs = (name: string) => Math.round(((i1.get(name) ?? 0) - (i0.get(name) ?? 0)) * 1000);
    const idle = {
      ms: idleFrames.reduce((a, b) => a + b, 0),
      frames: idleFrames.length,
      task: idleMs('TaskDuration'),
      script: idleMs('ScriptDuration'),
      cpu: idleMs('ThreadTime'),
      cpuPerS: (idleMs('ThreadTime') / idleWallMs) * 1000,
    };
    if (trace) await browser.startTracing(t, { path: trace, screenshots: false, categories });
    await t.mouse.move(start.x, start.y);
    await t.mouse.down();
    await startFrameRecorder(t);
    const m0 = await metrics();
    wsSent = 0;
    const began = Date.now();
    const total = SECONDS * 1000;
    let moves = 0;
    for (;;) {
      const elapsed = Date.now() - began;
      if (elapsed >= total) break;
      // There and back: a triangle wave over the drag time.
      const phase = elapsed / total;
      const k = phase < 0.5 ? phase * 2 : 2 - phase * 2;
      await t.mouse.move(start.x + (far.x - start.x) * k, start.y + (far.y - start.y) * k);
      moves += 1;
      const next = began + moves * FRAME_MS;
      const wait = next - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const landing = { x: start.x + (far.x - start.x) * 0.3, y: start.y + (far.y - start.y) * 0.3 };
    await t.mouse.move(landing.x, landing.y);
    await t.mouse.up();
    const intervals = await stopFrameRecorder(t);
    const dragMs = Date.now() - began;
    const m1 = await metrics();
    if (trace) {
      await browser.stopTracing();
      printTrace('the drag', trace);
    }
    // Where the main thread's time went during the drag (ms): script, style, layout, and the rest of the tasks
    // (paint, compositing, input dispatch).
    const spent = (name: string) => Math.round(((m1.get(name) ?? 0) - (m0.get(name) ?? 0)) * 1000);
    const sentDuringDrag = wsSent;
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    if (profile) {
      const { profile: cpu } = await cdp.send('Profiler.stop');
      fs.writeFileSync(profile, JSON.stringify(cpu));
      console.error(`CPU profile of the dragging page: ${profile}`);
      for (const { who, session } of watchers) {
        const { profile: theirs } = await session.send('Profiler.stop');
        fs.writeFileSync(profile.replace(/\.cpuprofile$/, '') + `.${who}.cpuprofile`, JSON.stringify(theirs));
        await session.detach();
      }
    }

    // The card landed where it was dropped, for everyone (the final position is always written).
    const mine = await flowPos(t);
    if (mine === before) throw new Error('the card did not move');
    await waitFor(async () => (await flowPos(s.alex.page)) === mine, 'Alex sees the drop');

    const sorted = [...intervals].sort((a, b) => a - b);
    const dropped = intervals.reduce((n, ms) => n + Math.max(0, Math.round(ms / FRAME_MS) - 1), 0);
    const median = quantile(sorted, 0.5);
    const line = {
      bench: 'drag',
      cards: CARDS,
      people: 3,
      cpu_throttle: THROTTLE,
      video: VIDEO,
      drag_ms: dragMs,
      mouse_moves: moves,
      frames: intervals.length,
      median_fps: median ? Math.round((1000 / median) * 10) / 10 : 0,
      p95_frame_ms: Math.round(quantile(sorted, 0.95) * 10) / 10,
      max_frame_ms: Math.round((sorted.at(-1) ?? 0) * 10) / 10,
      dropped_frames: dropped,
      dropped_pct: Math.round((dropped / Math.max(1, intervals.length + dropped)) * 1000) / 10,
      long_frames: intervals.filter((ms) => ms > 50).length,
      ws_messages_sent: sentDuringDrag,
      // CPU time (no wait for a core in it, unlike the wall times below); under --throttle Chromium counts the
      // emulated slowdown in: compare it at one throttle only.
      main_thread_cpu_ms_per_s: Math.round((spent('ThreadTime') / dragMs) * 1000),
      renderer_cpu_ms_per_s: Math.round((spent('ProcessTime') / dragMs) * 1000),
      // What a move costs beyond the page at rest (its CPU rate over the drag's time taken off): comparable across
      // runs even when a loaded machine lets fewer moves through.
      main_thread_cpu_ms_per_move:
        Math.round(((spent('ThreadTime') - (idle.cpuPerS * dragMs) / 1000) / Math.max(1, moves)) * 10) / 10,
      main_thread_ms: {
        task: spent('TaskDuration'),
        script: spent('ScriptDuration'),
        style: spent('RecalcStyleDuration'),
        layout: spent('LayoutDuration'),
        style_recalcs: spent('RecalcStyleCount') / 1000,
        layouts: spent('LayoutCount') / 1000,
      },
      idle_1s: {
        frames: idle.frames,
        task_ms: idle.task,
        script_ms: idle.script,
        main_thread_cpu_ms_per_s: Math.round(idle.cpuPerS),
      },
      others_saw_drop: true,
    };
    console.log(JSON.stringify(line));
  } finally {
    await cdp?.detach().catch(() => undefined);
    await browser.close();
    await app.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
