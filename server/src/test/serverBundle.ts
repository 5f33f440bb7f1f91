/**
 * Vitest global setup of the `server-process` project: bundles `server/src/main.ts` (and the workspace packages it
 * imports, from their sources) into one ES module once per run, so each spawned server starts as plain Node.
 * Under `--import tsx` every one of the server's modules went through the loader thread on each start: 7-11 s a
 * start on a loaded 2-core machine against about 3 s, and these tests start a server 17 times.
 *
 * The bundle sits beside `server/dist/main.js` (ignored like the rest of `dist/`) so the paths `main.ts` derives
 * from its own location (the client's build) and the packages it loads with `createRequire` (native SQLite, fonts)
 * resolve exactly as in a built server. Packages from `node_modules` stay external: they are loaded as Node loads
 * them in production.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { TestProject } from 'vitest/node';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_BUNDLE = path.join(serverDir, 'dist', 'main.test-bundle.mjs');

/** Bare imports stay external, except our own workspace packages (bundled from source). */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@tandem/') ? undefined : { path: args.path, external: true },
    );
  },
};

declare module 'vitest' {
  export interface ProvidedContext {
    serverBundle: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  fs.mkdirSync(path.dirname(SERVER_BUNDLE), { recursive: true });
  await build({
    entryPoints: [path.join(serverDir, 'src/main.ts')],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    sourcemap: 'inline',
    logLevel: 'error',
    plugins: [externalPackages],
  });
  project.provide('serverBundle', SERVER_BUNDLE);
}
