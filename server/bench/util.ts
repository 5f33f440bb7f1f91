/** Small helpers for `npm run bench`: options, statistics, and a typed IPC channel to a client worker. */
import type { ChildProcess } from 'node:child_process';
import type { FromWorker, ToWorker } from './protocol.js';

export const r1 = (x: number) => Math.round(x * 10) / 10;
export const r3 = (x: number) => Math.round(x * 1000) / 1000;

function pct(sorted: Float64Array, q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function summary(values: ArrayLike<number>): {
  n: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
} {
  const s = Float64Array.from(values).sort();
  const round = (v: number | null) => (v == null ? null : r3(v));
  return {
    n: s.length,
    p50: round(pct(s, 0.5)),
    p95: round(pct(s, 0.95)),
    p99: round(pct(s, 0.99)),
    max: round(pct(s, 1)),
  };
}

/** `--some-option value` -> `someOption`, typed by the defaults (numbers are parsed). */
export function parseArgs<T extends Record<string, number | string>>(argv: string[], defaults: T): T {
  const out: Record<string, number | string> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') continue;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const key = a.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`unknown option ${a} (known: ${Object.keys(defaults).join(', ')})`);
    const v = argv[++i];
    if (v === undefined) throw new Error(`missing value for ${a}`);
    if (typeof defaults[key] === 'number') {
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${a} needs a non-negative number`);
      out[key] = n;
    } else out[key] = v;
  }
  return out as T;
}

type Evt = FromWorker['evt'];

/** Request/answer over a worker's IPC channel; a worker 'error' or exit rejects the pending wait. */
export class Channel {
  private queue: FromWorker[] = [];
  private waiter: { evt: Evt; resolve: (m: FromWorker) => void; reject: (e: Error) => void } | null = null;

  constructor(
    readonly proc: ChildProcess,
    private readonly tail: () => string,
  ) {
    proc.on('message', (m: FromWorker) => {
      const w = this.waiter;
      if (w && (m.evt === w.evt || m.evt === 'error')) {
        this.waiter = null;
        if (m.evt === 'error') w.reject(new Error(`worker: ${m.error}`));
        else w.resolve(m);
      } else this.queue.push(m);
    });
    proc.on('exit', (code, sig) => {
      const w = this.waiter;
      this.waiter = null;
      w?.reject(new Error(`worker exited (${code ?? sig}): ${this.tail()}`));
    });
  }

  next<E extends Evt>(evt: E, timeoutMs = 30_000): Promise<Extract<FromWorker, { evt: E }>> {
    const i = this.queue.findIndex((m) => m.evt === evt || m.evt === 'error');
    if (i >= 0) {
      const [m] = this.queue.splice(i, 1);
      if (m!.evt === 'error') return Promise.reject(new Error(`worker: ${m!.error}`));
      return Promise.resolve(m as Extract<FromWorker, { evt: E }>);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error(`timeout waiting for worker '${evt}': ${this.tail()}`));
      }, timeoutMs);
      this.waiter = {
        evt,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as Extract<FromWorker, { evt: E }>);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  ask<E extends Evt>(msg: ToWorker, evt: E, timeoutMs = 30_000): Promise<Extract<FromWorker, { evt: E }>> {
    this.proc.send(msg);
    return this.next(evt, timeoutMs);
  }
}
