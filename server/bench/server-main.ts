/**
 * The server as `npm run bench` starts it: exactly server/src/main.ts, minus the static client. With a built
 * client in client/dist, main.ts's SPA fallback (`/{*splat}`) is registered before `/__bench/mem` in web.ts
 * and answers that route with index.html, so the memory probe is unreachable. `--entry main` uses main.ts.
 */
import { loadConfig, startTandem } from '../src/index.js';

const tandem = await startTandem(loadConfig(process.env, { clientDir: null }));
console.log(`bench server on ${tandem.url}`);
const shutdown = () =>
  tandem.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
