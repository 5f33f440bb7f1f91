/**
 * Runs the real, built server as a child process (as `npm start` does), on a free port and a temp DATA_DIR,
 * so tests can stop, kill (SIGKILL) and restart it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { untilBanner, type ChildOutput } from '@tandem/server/test/ready';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const serverEntry = path.join(root, 'server/dist/main.js');
const clientIndex = path.join(root, 'client/dist/index.html');

/** The first-run code every e2e server starts with (SETUP_TOKEN), so tests can set up through the API. */
export const E2E_SETUP_TOKEN = 'e2e-setup-token-0123456789';

export interface RunningApp {
  url: string;
  dataDir: string;
  /** Graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** Crash (SIGKILL). */
  kill(): Promise<void>;
  /** Start again on the same port and data. */
  start(): Promise<void>;
  /** Stop and remove the data. */
  dispose(): Promise<void>;
  logs(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  for (const f of [serverEntry, clientIndex]) {
    if (!fs.existsSync(f)) throw new Error(`${path.relative(root, f)} is missing: run \`npm run build\` first.`);
  }
  let port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-'));
  let url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const output: ChildOutput = { text: '' };

  const start = async () => {
    child = spawn(process.execPath, [serverEntry], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        SETUP_TOKEN: E2E_SETUP_TOKEN,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // A bound for a loaded machine, not a wait.
    await untilBanner(child, output, 60_000);
  };
  const signal = async (sig: NodeJS.Signals) => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(sig);
    await exited;
  };

  // Two test files run at once: the free port one of them was told of can be taken by the other's server before
  // its own binds. A first start that finds its port taken takes another; a restart keeps its port.
  for (let attempt = 1; ; attempt++) {
    try {
      await start();
      break;
    } catch (err) {
      if (attempt >= 3 || !output.text.includes('EADDRINUSE')) throw err;
      port = await freePort();
      url = `http://127.0.0.1:${port}`;
      output.text = '';
    }
  }
  return {
    url,
    dataDir,
    start,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    async dispose() {
      await signal('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    logs: () => output.text,
  };
}
