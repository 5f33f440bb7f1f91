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
  console.log(startBanner({ config, url: tandem.url, lanAddresses: lanAddresses() }));

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
