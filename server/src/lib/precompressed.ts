/**
 * Serves the brotli or gzip copy of a static file built beside it (`app.js.br`, `app.js.gz`; see
 * scripts/precompress.mjs) to a client that accepts it: Content-Encoding set, Content-Type of the original,
 * `Vary: Accept-Encoding` on every file that has a copy. The copies are listed once, at start.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
};

const ENCODINGS = [
  { name: 'br', ext: '.br' },
  { name: 'gzip', ext: '.gz' },
] as const;

/** Does the Accept-Encoding header accept this coding (a q of 0 refuses it)? */
export function accepts(header: string | undefined, coding: string): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (name?.trim().toLowerCase() !== coding && name?.trim() !== '*') continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return q === undefined || Number(q) > 0;
  }
  return false;
}

function listFiles(dir: string, base = dir, out = new Set<string>()): Set<string> {
  let entries: fs.Dirent[] = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) listFiles(p, base, out);
    else if (e.isFile()) out.add(`/${path.relative(base, p).split(path.sep).join('/')}`);
  }
  return out;
}

/** Mount before express.static on the same directory: it rewrites the URL to the compressed copy. */
export function precompressed(root: string): RequestHandler {
  const files = listFiles(root);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let pathname: string;
    try {
      pathname = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const type = TYPES[path.extname(pathname)];
    const variants = ENCODINGS.filter((e) => files.has(pathname + e.ext));
    if (!type || variants.length === 0) return next();
    res.vary('Accept-Encoding');
    const chosen = variants.find((e) => accepts(req.headers['accept-encoding'], e.name));
    if (!chosen) return next();
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Encoding', chosen.name);
    const q = req.url.indexOf('?');
    req.url = q >= 0 ? `${req.url.slice(0, q)}${chosen.ext}${req.url.slice(q)}` : `${req.url}${chosen.ext}`;
    next();
  };
}
