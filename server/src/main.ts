import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTandem } from './app.js';
import { lanAddresses, startBanner } from './banner.js';
import { ConfigError, loadConfig } from './config.js';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { clientDir: path.resolve(here, '../../client/dist') });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const tandem = await startTandem(config);
  // A promise nobody waited on (e.g. a write that failed while the database was away) must not end every live
  // session: log it (codes and ids only, see the logger) and keep serving. Requests and handlers already turn
  // such failures into typed errors; this is the net under the ones that slip through.
  process.on('unhandledRejection', (reason) => {
    tandem.ctx.logger.error({ err: reason }, 'unhandled rejection (kept running)');
  });
  const shown = config.publicUrl ?? tandem.url.replace('127.0.0.1', 'localhost');
  // First run: the setup link carries a one-time code (as Jupyter prints its token link), so only someone who
  // can see this output can claim the instance; opening the link is all a newcomer does.
  const setupLines = tandem.setupToken
    ? [
        'Create the therapist account here (one-time link):',
        `    ${shown}/setup?token=${encodeURIComponent(tandem.setupToken)}`,
      ]
    : [];
  console.log(startBanner({ config, url: tandem.url, lanAddresses: lanAddresses(), extraLines: setupLines }));

  const shutdown = (signal: string) => {
    tandem.ctx.logger.info({ signal }, 'shutting down');
    tandem.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('Tandem could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
