import type { CredentialEnds } from './access/credentialEnds.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { AuditLog } from './lib/audit.js';
import type { Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import type { RateLimits } from './lib/rateLimit.js';

/** What every feature gets: storage, time, audit, limits, logs. Built once per server instance. */
export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  audit: AuditLog;
  limits: RateLimits;
  logger: Logger;
  /** Every credential's end is announced here; live connections opened with it are closed. */
  credentialEnds: CredentialEnds;
}
