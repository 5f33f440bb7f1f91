/**
 * JavaScript a person's browser downloads: `node --conditions=source --import tsx server/bench/bundle.ts`
 * (needs `npm run build`). Starts the built server (SQLite in a temp dir), then in the system Chromium:
 *  - join: a partner opens their invite link, until the "I understand" button is there (interactive);
 *  - room: the therapist opens the session room, until the shared workspace is shown.
 * Counts the bytes on the wire (after brotli/gzip) and uncompressed, of every JS response, in a fresh context.
 * Prints one JSON line; targets: join <= 150 KB, room <= 300 KB (transferred).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import type { CoupleDto, CreatedSessionDto, Result } from '@tandem/shared';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET = { join: 150 * 1024, room: 300 * 1024 };
const SETUP_TOKEN = 'bench-setup-token-0123456789';

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

async function api<T>(base: string, method: string, p: string, body?: unknown, cookie?: string) {
  const res = await fetch(`${base}/api${p}`, {
    method,
    headers: { origin: base, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as Result<T>;
  if (!json.ok) throw new Error(`${method} ${p}: ${json.error.code}`);
  return { data: json.data, setCookie: res.headers.getSetCookie() };
}

/** JS bytes for one page load: on the wire (encoded body) and decoded. */
async function measure(page: Page, url: string, ready: () => Promise<unknown>) {
  const responses: Promise<{ wire: number; raw: number; url: string }>[] = [];
  page.on('response', (res) => {
    const type = res.headers()['content-type'] ?? '';
    if (!/javascript/.test(type)) return;
    responses.push(
      (async () => {
        const sizes = await res.request().sizes();
        const body = await res.body().catch(() => Buffer.alloc(0));
        return { wire: sizes.responseBodySize, raw: body.length, url: new URL(res.url()).pathname };
      })(),
    );
  });
  await page.goto(url);
  await ready();
  const all = await Promise.all(responses);
  for (const r of all.sort((a, b) => b.wire - a.wire)) console.error(`  ${Math.round(r.wire / 1024)} KB  ${r.url}`);
  const sum = (k: 'wire' | 'raw') => all.reduce((n, r) => n + r[k], 0);
  return {
    files: all.length,
    wire_kb: Math.round(sum('wire') / 1024),
    raw_kb: Math.round(sum('raw') / 1024),
    wire: sum('wire'),
  };
}

async function main() {
  for (const f of ['server/dist/main.js', 'client/dist/index.html']) {
    if (!fs.existsSync(path.join(root, f))) throw new Error(`${f} is missing: run \`npm run build\` first.`);
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bundle-'));
  const server = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', SETUP_TOKEN },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 200) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const signed = await api(base, 'POST', '/setup', {
      name: 'Dr Bench',
      email: 'b@example.org',
      password: 'correct horse battery',
      setupToken: SETUP_TOKEN,
    });
    const token = signed.setCookie.map((c) => /^tandem_session=([^;]+)/.exec(c)?.[1]).find(Boolean) ?? '';
    const cookie = `tandem_session=${token}`;
    const couple = (
      await api<CoupleDto>(
        base,
        'POST',
        '/couples',
        {
          name: 'A & B',
          policy: 'no-secrets',
          partners: [
            { displayName: 'Alex', language: 'en' },
            { displayName: 'Sam', language: 'en' },
          ],
        },
        cookie,
      )
    ).data;
    const session = (
      await api<CreatedSessionDto>(base, 'POST', '/sessions', { coupleId: couple.id, kind: 'joint' }, cookie)
    ).data;
    const invite = session.invites[0]?.url ?? '';

    const partner = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const join = await measure(await partner.newPage(), invite, async () => {
      const page = partner.pages()[0] as Page;
      await page.getByRole('button', { name: 'I understand' }).waitFor({ timeout: 30_000 });
    });
    const therapist = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await therapist.addCookies([{ name: 'tandem_session', value: token, url: base }]);
    const room = await measure(await therapist.newPage(), `${base}/sessions/${session.session.id}`, async () => {
      const page = therapist.pages()[0] as Page;
      await page.getByRole('heading', { name: 'Shared workspace' }).waitFor({ timeout: 30_000 });
      await page.locator('.map-workspace').waitFor({ timeout: 30_000 });
    });
    const line = {
      bench: 'bundle',
      join_js_wire_kb: join.wire_kb,
      join_js_raw_kb: join.raw_kb,
      join_js_files: join.files,
      join_target_kb: TARGET.join / 1024,
      join_ok: join.wire <= TARGET.join,
      room_js_wire_kb: room.wire_kb,
      room_js_raw_kb: room.raw_kb,
      room_js_files: room.files,
      room_target_kb: TARGET.room / 1024,
      room_ok: room.wire <= TARGET.room,
    };
    // The figures against their targets, readable, after the per-file lists (stderr keeps stdout one JSON line).
    for (const [name, m] of [
      ['join', join],
      ['room', room],
    ] as const) {
      const target = TARGET[name] / 1024;
      const verdict = m.wire <= TARGET[name] ? 'ok' : `OVER by ${m.wire_kb - target} KB`;
      console.error(
        `bundle ${name}: ${m.wire_kb} KB transferred (target <= ${target} KB: ${verdict}), ${m.raw_kb} KB uncompressed, ${m.files} files`,
      );
    }
    console.log(JSON.stringify(line));
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
