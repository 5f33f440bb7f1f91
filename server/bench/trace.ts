/**
 * Where a Chromium trace's time went: self time per event name on each thread of one renderer process (and of
 * the GPU / viz process that composites its frames), and the main thread's time in DevTools' buckets (scripting,
 * style, layout, paint, composite). `npx tsx server/bench/trace.ts <trace.json> [--url-part /sessions/]` prints
 * it; drag.ts calls it on its own trace (BENCH_TRACE).
 */
import fs from 'node:fs';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: what the work cost, without waits for a core on a busy machine. */
  tdur?: number;
  args?: { name?: string; data?: { frames?: { url?: string; processId?: number }[] } };
}

/** DevTools' Performance panel buckets (its summary pie), by event name. */
const BUCKET: Record<string, string> = {
  FunctionCall: 'scripting',
  EvaluateScript: 'scripting',
  'v8.compile': 'scripting',
  'v8.compileModule': 'scripting',
  'v8.evaluateModule': 'scripting',
  'V8.Execute': 'scripting',
  'v8.run': 'scripting',
  'v8.callFunction': 'scripting',
  TimerFire: 'scripting',
  EventDispatch: 'scripting',
  FireAnimationFrame: 'scripting',
  FireIdleCallback: 'scripting',
  RunMicrotasks: 'scripting',
  XHRReadyStateChange: 'scripting',
  MinorGC: 'scripting',
  MajorGC: 'scripting',
  'V8.GC_SCAVENGER': 'scripting',
  BlinkGC: 'scripting',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  ParseAuthorStyleSheet: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  PaintImage: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  CompositeLayers: 'composite',
  Commit: 'composite',
  UpdateLayerTree: 'layout',
  HitTest: 'layout',
  ScheduleStyleRecalculation: 'style',
  InvalidateLayout: 'layout',
};

export interface TraceSummary {
  /** The main thread's self time in DevTools' buckets (ms); `task` is everything under a task. */
  main: Record<string, number>;
  /** The same in CPU time (thread time: without the waits for a core, so comparable on a busy machine). */
  mainCpu: Record<string, number>;
  /** The main thread's top events by CPU self time. */
  mainTop: [string, number][];
  /** Per thread of the page's process and of the compositing process: busy ms and the top names by self time. */
  threads: { process: string; thread: string; busy_ms: number; top: [string, number][] }[];
}

const round = (us: number) => Math.round(us / 100) / 10;

/** Self times per name for one thread's complete events (ph X, nested by time): wall and CPU (tdur). */
function selfTimes(events: TraceEvent[]): { self: Map<string, number>; cpu: Map<string, number>; busy: number } {
  const xs = events
    .filter((e) => e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const cpu = new Map<string, number>();
  const stack: { e: TraceEvent; end: number; child: number; childCpu: number }[] = [];
  let busy = 0;
  const pop = () => {
    const top = stack.pop()!;
    self.set(top.e.name, (self.get(top.e.name) ?? 0) + Math.max(0, top.e.dur! - top.child));
    cpu.set(top.e.name, (cpu.get(top.e.name) ?? 0) + Math.max(0, (top.e.tdur ?? 0) - top.childCpu));
    const parent = stack.at(-1);
    if (parent) {
      parent.child += top.e.dur!;
      parent.childCpu += top.e.tdur ?? 0;
    } else busy += top.e.dur!;
  };
  for (const e of xs) {
    while (stack.length && stack.at(-1)!.end <= e.ts) pop();
    stack.push({ e, end: e.ts + e.dur!, child: 0, childCpu: 0 });
  }
  while (stack.length) pop();
  return { self, cpu, busy };
}

export function summarizeTrace(file: string, urlPart = '/sessions/'): TraceSummary {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(raw) ? raw : (raw.traceEvents ?? []);
  const threadName = new Map<string, string>();
  const processName = new Map<number, string>();
  let pagePid: number | undefined;
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
    if (e.ph === 'M' && e.name === 'process_name') processName.set(e.pid, e.args?.name ?? '');
    if (e.name === 'TracingStartedInBrowser' || e.name === 'TracingStartedInPage') {
      const frame = e.args?.data?.frames?.find((f) => f.url?.includes(urlPart));
      if (frame?.processId) pagePid = frame.processId;
    }
  }
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(e);
  }
  const mainKey = [...threadName].find(([k, n]) => n === 'CrRendererMain' && Number(k.split(':')[0]) === pagePid)?.[0];
  const main: Record<string, number> = {};
  const mainCpu: Record<string, number> = {};
  const threads: TraceSummary['threads'] = [];
  let mainTop: [string, number][] = [];
  for (const [key, list] of byThread) {
    const pid = Number(key.split(':')[0]);
    const pname = processName.get(pid) ?? String(pid);
    const interesting = pid === pagePid || /gpu/i.test(pname);
    if (!interesting) continue;
    const { self, cpu, busy } = selfTimes(list);
    if (busy < 5000) continue;
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
    threads.push({
      process: pid === pagePid ? 'page' : pname,
      thread: threadName.get(key) ?? key,
      busy_ms: round(busy),
      top: top.map(([n, us]) => [n, round(us)]),
    });
    if (key === mainKey) {
      const buckets: Record<string, number> = { task: busy };
      for (const [name, us] of self) {
        const b = BUCKET[name] ?? 'other';
        buckets[b] = (buckets[b] ?? 0) + us;
      }
      for (const [b, us] of Object.entries(buckets)) main[b] = round(us);
      const cpuBuckets: Record<string, number> = { task: 0 };
      for (const [name, us] of cpu) {
        const b = BUCKET[name] ?? 'other';
        cpuBuckets[b] = (cpuBuckets[b] ?? 0) + us;
        cpuBuckets['task']! += us;
      }
      for (const [b, us] of Object.entries(cpuBuckets)) mainCpu[b] = round(us);
      mainTop = [...cpu]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 14)
        .map(([n, us]) => [n, round(us)]);
    }
  }
  threads.sort((a, b) => b.busy_ms - a.busy_ms);
  return { main, mainCpu, mainTop, threads };
}

if (process.argv[1]?.endsWith('trace.ts')) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: trace.ts <trace.json> [--url-part /sessions/]');
  const at = process.argv.indexOf('--url-part');
  const s = summarizeTrace(file, at > 0 ? process.argv[at + 1] : undefined);
  console.log(`main thread wall ms ${JSON.stringify(s.main)}\nmain thread CPU ms ${JSON.stringify(s.mainCpu)}`);
  console.log(`main thread top CPU ${JSON.stringify(s.mainTop)}`);
  for (const t of s.threads) console.log(`${t.process} ${t.thread} busy ${t.busy_ms} ms: ${JSON.stringify(t.top)}`);
}
