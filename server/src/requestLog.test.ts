/** Request lines belong at `debug`: at the default level the terminal shows no line per asset. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startTandem, type Tandem } from './app.js';
import { loadConfig } from './config.js';

const running: { tandem: Tandem; dir: string }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.tandem.close();
    fs.rmSync(r.dir, { recursive: true, force: true });
  }
});

async function start(level: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-log-'));
  const clientDir = path.join(dir, 'client');
  fs.mkdirSync(path.join(clientDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(clientDir, 'assets', 'app.js'), 'console.log(1)');
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: level }, { clientDir });
  const tandem = await startTandem(config, { logger: pino({ level }, sink) });
  running.push({ tandem, dir });
  return { tandem, lines };
}

describe('request logging', () => {
  it('prints no line per request at the default level', async () => {
    const { tandem, lines } = await start('info');
    const before = lines.length;
    for (const p of ['/', '/assets/app.js', '/sessions/x']) expect((await fetch(tandem.url + p)).status).toBe(200);
    expect(lines.slice(before).filter((l) => l.includes('request completed'))).toEqual([]);
  });

  it('prints each request at debug', async () => {
    const { tandem, lines } = await start('debug');
    expect((await fetch(`${tandem.url}/assets/app.js`)).status).toBe(200);
    await expect.poll(() => lines.filter((l) => l.includes('/assets/app.js')).length).toBe(1);
  });
});
