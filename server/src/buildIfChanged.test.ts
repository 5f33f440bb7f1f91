/** `npm start` builds only when a source changed (scripts/build-if-changed.mjs, run as npm start runs it). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/build-if-changed.mjs');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A fake checkout whose "build" writes the outputs and counts its runs. */
function checkout() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-stamp-'));
  dirs.push(root);
  for (const d of ['shared/src', 'server/src', 'client/src']) fs.mkdirSync(path.join(root, d), { recursive: true });
  fs.writeFileSync(path.join(root, 'server/src/main.ts'), 'export {};\n');
  fs.writeFileSync(path.join(root, 'package.json'), '{}\n');
  const build = [
    "const fs=require('fs');",
    "for (const d of ['shared/dist','server/dist','client/dist']) fs.mkdirSync(d,{recursive:true});",
    "fs.writeFileSync('shared/dist/index.js','');fs.writeFileSync('server/dist/main.js','');",
    "fs.writeFileSync('client/dist/index.html','');fs.appendFileSync('builds.log','x');",
  ].join('');
  fs.writeFileSync(path.join(root, 'build.cjs'), build);
  const start = () => {
    const res = spawnSync(process.execPath, [script, '--root', root, '--build', `"${process.execPath}" build.cjs`], {
      encoding: 'utf8',
    });
    expect(res.status, res.stderr).toBe(0);
    return res.stdout;
  };
  const builds = () => fs.readFileSync(path.join(root, 'builds.log'), 'utf8').length;
  return { root, start, builds };
}

describe('building on start only when sources changed', () => {
  it('builds a fresh checkout, then starts without building while nothing changed', () => {
    const c = checkout();
    expect(c.start()).toContain('Sources changed');
    expect(c.start()).toContain('up to date');
    expect(c.builds()).toBe(1);
  });

  it('builds again after a source file changes or is added', () => {
    const c = checkout();
    c.start();
    const file = path.join(c.root, 'server/src/main.ts');
    fs.writeFileSync(file, 'export const changed = 1;\n');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    c.start();
    expect(c.builds()).toBe(2);
    fs.writeFileSync(path.join(c.root, 'client/src/new.ts'), 'export {};\n');
    c.start();
    expect(c.builds()).toBe(3);
  });

  it('builds again when an output is missing (a deleted dist)', () => {
    const c = checkout();
    c.start();
    fs.rmSync(path.join(c.root, 'server/dist'), { recursive: true });
    c.start();
    expect(c.builds()).toBe(2);
  });
});
