// `npm start`: build only when a source changed since the last build, then the server starts at once.
// The stamp (a hash of every source's path, size and mtime) lives in the build output, so a fresh clone,
// a deleted dist or a failed build always builds. Options: --root <dir>, --build "<command>", --force.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const root = path.resolve(opt('--root', path.join(path.dirname(fileURLToPath(import.meta.url)), '..')));
const buildCommand = opt('--build', 'npm run build');
const force = args.includes('--force');

/** What the build reads. */
const SOURCE_DIRS = ['shared/src', 'server/src', 'client/src', 'client/public'];
const SOURCE_FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.base.json',
  'vite.config.ts',
  'client/index.html',
  ...['shared', 'server', 'client'].flatMap((w) => [`${w}/package.json`, `${w}/tsconfig.json`]),
];
/** What the server needs to run; if any is missing, build. */
const OUTPUTS = ['shared/dist/index.js', 'server/dist/main.js', 'client/dist/index.html'];
const STAMP = 'client/dist/.build-stamp';

function walk(dir, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

function sourceStamp() {
  const files = [];
  for (const d of SOURCE_DIRS) walk(path.join(root, d), files);
  for (const f of SOURCE_FILES) files.push(path.join(root, f));
  const hash = createHash('sha256');
  for (const f of files.sort()) {
    let st;
    try {
      st = fs.statSync(f);
    } catch {
      continue;
    }
    hash.update(`${path.relative(root, f)}\0${st.size}\0${Math.round(st.mtimeMs)}\n`);
  }
  return `${files.length}:${hash.digest('hex')}`;
}

const stampFile = path.join(root, STAMP);
const stamp = sourceStamp();
const upToDate =
  !force &&
  OUTPUTS.every((f) => fs.existsSync(path.join(root, f))) &&
  fs.existsSync(stampFile) &&
  fs.readFileSync(stampFile, 'utf8').trim() === stamp;

if (upToDate) {
  console.log('Build is up to date (no source changed since the last build).');
} else {
  console.log(`Sources changed since the last build: running ${buildCommand}`);
  fs.rmSync(stampFile, { force: true });
  const res = spawnSync(buildCommand, { cwd: root, stdio: 'inherit', shell: true });
  if (res.status !== 0) process.exit(res.status ?? 1);
  fs.mkdirSync(path.dirname(stampFile), { recursive: true });
  // Sources as they were when the build started: an edit made during the build triggers the next one.
  fs.writeFileSync(stampFile, `${stamp}\n`);
}
