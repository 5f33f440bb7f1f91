/**
 * The HTTP shell around the API: security headers, the request log, the built client with its precompressed
 * assets, and the benchmarks' memory probe. What the API answers is wired in app.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.js';
import { permissionsPolicy } from './lib/http.js';
import type { Logger } from './lib/logger.js';
import { precompressed } from './lib/precompressed.js';

/**
 * The Express app with its headers and request log. `benchStats` (BENCH_TOKEN set, never in production) adds the
 * memory probe that `npm run bench` reads.
 */
export function createWebApp(
  config: Config,
  logger: Logger,
  benchStats: (() => Record<string, number>) | null,
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          mediaSrc: ["'self'", 'blob:'],
          workerSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(config.cookieSecure ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(permissionsPolicy);
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === '/api/health' },
      // One line per request (every asset too) is noise at the default level: requests at `debug`, failures louder.
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'debug'),
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split(/[?#]/)[0] }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    }),
  );

  if (benchStats) {
    // Opt-in, loopback-only memory probe for `npm run bench` and ../shared/yjs-bench.
    app.get('/__bench/mem', (req, res) => {
      const ip = req.socket.remoteAddress ?? '';
      if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(ip)) return void res.status(403).end();
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      res.json({ rss: m.rss, heapUsed: m.heapUsed, ...benchStats() });
    });
  }
  return app;
}

/** Serves the built client from `clientDir`, when it has been built: its assets, and index.html for every page. */
export function serveClient(app: Express, clientDir: string | null): void {
  if (!clientDir || !fs.existsSync(path.join(clientDir, 'index.html'))) return;
  const indexHtml = path.join(clientDir, 'index.html');
  const assets = path.join(clientDir, 'assets');
  // Brotli / gzip copies made at build time, when the browser takes them.
  app.use('/assets', precompressed(assets));
  app.use('/assets', express.static(assets, { immutable: true, maxAge: '1y', fallthrough: false }));
  app.use(precompressed(clientDir));
  app.use(express.static(clientDir, { index: false, maxAge: 0 }));
  app.get('/{*splat}', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
}
