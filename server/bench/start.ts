/**
 * `npm start` when nothing changed: `node --conditions=source --import tsx server/bench/start.ts` (needs a build
 * that `npm start` considers current: run `npm start` once first, or `node scripts/build-if-changed.mjs`).
 * Runs `npm start` --runs times (5) on a free port and a temp DATA_DIR, timing the command to the start banner
 * ("Tandem is running"), then stops it (SIGTERM to the process group it started). Also times the build check
 * alone (`node scripts/build-if-changed.mjs`) and the server alone (`node server/dist/main.js` to its banner).
 * Prints one JSON line with medians; target: npm start under 3 s.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const at = args.indexOf('--runs');
const RUNS = at >= 0 && Number(args[at + 1]) > 0 ? Number(args[at + 1]) : 5;
const TARGET_MS = 3000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a command in its own process group until `until` shows in its output (or it exits); ms to that point. */
async function timeTo(
  command: string,
  commandArgs: string[],
  until: RegExp | null,
): Promise<{ ms: number; out: string }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-start-'));
  const began = performance.now();
  const child = spawn(command, commandArgs, {
    cwd: root,
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SETUP_TOKEN: 'bench-setup-token-0123456789',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  try {
    const ms = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner after 120 s:\n${out}`)), 120_000);
      const onData = (d: Buffer) => {
        out += d.toString();
        if (until && until.test(out)) {
          clearTimeout(timer);
          resolve(performance.now() - began);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (!until && code === 0) resolve(performance.now() - began);
        else reject(new Error(`${command} exited (${code}):\n${out}`));
      });
    });
    return { ms, out };
  } finally {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)] ?? 0);
};

async function main() {
  const BANNER = /Tandem is running/;
  const check = await timeTo(process.execPath, ['scripts/build-if-changed.mjs'], null);
  if (!/up to date/.test(check.out)) {
    console.error('the build was not current: it was rebuilt now; measuring from here');
  }
  const start: number[] = [];
  const checkOnly: number[] = [];
  const server: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    start.push((await timeTo('npm', ['start'], BANNER)).ms);
    checkOnly.push((await timeTo(process.execPath, ['scripts/build-if-changed.mjs'], null)).ms);
    server.push((await timeTo(process.execPath, ['server/dist/main.js'], BANNER)).ms);
    console.error(`run ${i + 1}: npm start ${Math.round(start.at(-1) ?? 0)} ms`);
  }
  const line = {
    bench: 'start',
    runs: RUNS,
    npm_start_ms: median(start),
    npm_start_max_ms: Math.round(Math.max(...start)),
    build_check_ms: median(checkOnly),
    server_only_ms: median(server),
    start_ok: median(start) < TARGET_MS,
  };
  console.log(JSON.stringify(line));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
