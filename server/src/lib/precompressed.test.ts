/** Static assets go out as the brotli or gzip copy built beside them, with the right headers. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTandem, type Tandem } from '../app.js';
import { loadConfig } from '../config.js';
import { createLogger } from './logger.js';
import { accepts } from './precompressed.js';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../scripts/precompress.mjs');
const JS = `export const words = ${JSON.stringify('the cycle is the enemy '.repeat(400))};\n`;
/** A chunk under 1 KB, like the room's many small string and hook chunks: still worth compressing. */
const SMALL = `import{a as e}from"./core-x.js";export function t(n){return e("map."+n)??e("common."+n)}${'export const k=1;'.repeat(20)}\n`;

/** Raw HTTP (fetch would decode the body and hide the encoding). */
function get(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('precompressed static assets', () => {
  let dir: string;
  let tandem: Tandem;
  let url: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-static-'));
    const clientDir = path.join(dir, 'client');
    fs.mkdirSync(path.join(clientDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>t</title>');
    fs.writeFileSync(path.join(clientDir, 'assets', 'app-abc.js'), JS);
    fs.writeFileSync(path.join(clientDir, 'assets', 'small.js'), SMALL);
    fs.writeFileSync(path.join(clientDir, 'assets', 'tiny.js'), 'export {};\n');
    // The build step, as vite.config.ts runs it.
    const res = spawnSync(process.execPath, [script, clientDir], { encoding: 'utf8' });
    expect(res.status, res.stderr).toBe(0);
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent' }, { clientDir });
    tandem = await startTandem(config, { logger: createLogger('silent') });
    url = tandem.url;
  });
  afterAll(async () => {
    await tandem?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('builds a brotli and a gzip copy of each text asset, small ones too, and none that would be larger', () => {
    const assets = fs.readdirSync(path.join(dir, 'client', 'assets')).sort();
    expect(assets).toEqual([
      'app-abc.js',
      'app-abc.js.br',
      'app-abc.js.gz',
      'small.js',
      'small.js.br',
      'small.js.gz',
      'tiny.js',
    ]);
    expect(SMALL.length).toBeLessThan(1024);
  });

  it('sends a small chunk compressed as well', async () => {
    const res = await get(`${url}/assets/small.js`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.body.length).toBeLessThan(SMALL.length / 2);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(SMALL);
  });

  it('sends brotli to a browser that takes it, with the original type and Vary', async () => {
    const res = await get(`${url}/assets/app-abc.js`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.body.length).toBeLessThan(JS.length / 5);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(JS);
  });

  it('sends gzip when brotli is not accepted, and the file itself when nothing is', async () => {
    const gz = await get(`${url}/assets/app-abc.js`, { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(JS);
    const plain = await get(`${url}/assets/app-abc.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(plain.body.toString()).toBe(JS);
    const head = await get(`${url}/assets/app-abc.js`, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
  });

  it('leaves files without a copy and unknown assets alone', async () => {
    const tiny = await get(`${url}/assets/tiny.js`, { 'accept-encoding': 'br' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('export {};\n');
    const missing = await get(`${url}/assets/missing.js`, { 'accept-encoding': 'br' });
    expect(missing.status).not.toBe(200);
    expect(missing.headers['content-encoding']).toBeUndefined();
  });

  it('reads Accept-Encoding with q-values', () => {
    expect(accepts('gzip, br', 'br')).toBe(true);
    expect(accepts('br;q=0, gzip', 'br')).toBe(false);
    expect(accepts('BR;q=0.5', 'br')).toBe(true);
    expect(accepts('*', 'gzip')).toBe(true);
    expect(accepts(undefined, 'gzip')).toBe(false);
    expect(accepts('identity', 'br')).toBe(false);
  });
});
