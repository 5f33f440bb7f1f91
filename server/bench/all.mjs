// `npm run bench`: the Yjs endpoint case (run.ts, arguments passed through), the timer case (timers.ts), then the
// JavaScript each page downloads (bundle.ts, needs `npm run build`), then a card dragged on a 60-card map at 4x CPU
// slowdown (drag.ts, needs the build), then `npm start` with nothing changed (start.ts), then the time to build a
// session's PDF (pdf.ts). Each prints one JSON line on stdout. `--only collab|timers|bundle|drag|start|pdf` runs one.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : null;
const runs = [
  ['collab', ['--expose-gc', '--import', 'tsx', 'server/bench/run.ts', ...args]],
  ['timers', ['--conditions=source', '--import', 'tsx', 'server/bench/timers.ts']],
  ['bundle', ['--conditions=source', '--import', 'tsx', 'server/bench/bundle.ts']],
  ['drag', ['--conditions=source', '--import', 'tsx', 'server/bench/drag.ts', ...args]],
  ['start', ['--conditions=source', '--import', 'tsx', 'server/bench/start.ts', ...args]],
  ['pdf', ['--conditions=source', '--import', 'tsx', 'server/bench/pdf.ts', ...args]],
];
for (const [name, nodeArgs] of runs) {
  if (only && only !== name) continue;
  const res = spawnSync(process.execPath, nodeArgs, { stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}
