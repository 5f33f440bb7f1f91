import { createRequire } from 'node:module';
import type SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { OwnSchemaPostgresDialect } from './pgIntrospector.js';
import type { Config } from '../config.js';
import { migrationProvider } from './migrations.js';
import { startCheckpointer, type Checkpointer } from './checkpointer.js';
import { dbErrorSummary } from './errors.js';
import type { PgConnectionOptions } from './pgPool.js';
import { openSqliteFile, type SqliteFile } from './sqliteFile.js';
import { createLogger, type Logger } from '../lib/logger.js';

const require = createRequire(import.meta.url);
import type { Database } from './schema.js';

/** node-postgres and our pool, loaded only when PostgreSQL is configured (SQLite starts faster without them). */
const loadPg = () => import('./pgPool.js');

export type Db = Kysely<Database>;
export type DbKind = 'sqlite' | 'postgres';

export interface Storage {
  db: Db;
  kind: DbKind;
  /** The raw SQLite handle (null on PostgreSQL), for the one hot path that skips the query builder. */
  sqlite: SQLite.Database | null;
  /** True when the database answers a trivial query within the health timeout (and, on SQLite, the file is still there). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

function assertSafeIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Unsafe schema name: ${name}`);
  return name;
}

/** A migration statement may run this long (requests get DB_STATEMENT_TIMEOUT_MS). */
const MIGRATION_TIMEOUT_MS = 10 * 60_000;

/** Resolves with `fallback` if the promise has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Start-up waits for PostgreSQL, bounded: it tries again (a log line each time) until `startupTimeoutMs`, then
 * fails with a message naming the host. Retrying covers a database that starts beside us (compose, a reboot);
 * the bound keeps a wrong URL or a dead host from hanging start-up forever, and a supervisor can restart us.
 */
async function waitForPostgres(options: PgConnectionOptions, logger: Logger): Promise<void> {
  const { probePostgres } = await loadPg();
  const { startupTimeoutMs } = options.tuning;
  const deadline = Date.now() + startupTimeoutMs;
  const where = new URL(options.connectionString).host;
  for (let attempt = 1; ; attempt++) {
    try {
      await probePostgres(options);
      return;
    } catch (err) {
      const wait = Math.min(500 * 2 ** (attempt - 1), 5_000);
      const summary = dbErrorSummary(err);
      if (Date.now() + wait >= deadline) {
        throw new Error(
          `the database at ${where} did not answer within ${Math.round(startupTimeoutMs / 1000)} s (${summary.code ?? summary.type})`,
        );
      }
      logger.warn({ err: summary, attempt, retryInMs: wait }, 'database not reachable yet; retrying');
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** Opens the configured database and runs pending migrations. */
export async function openStorage(
  config: Pick<Config, 'databaseUrl' | 'databaseSchema' | 'dataDir' | 'db'>,
  logger: Logger = createLogger('silent'),
): Promise<Storage> {
  let db: Db;
  let kind: DbKind;
  let sqlite: SqliteFile | null = null;
  let checkpointer: Checkpointer | null = null;
  /** Migrations may rebuild a large table: on PostgreSQL they get their own connection with a longer bound. */
  let migrationDb: Db | null = null;
  const tuning = config.db;
  if (config.databaseUrl) {
    kind = 'postgres';
    const schema = config.databaseSchema ? assertSafeIdentifier(config.databaseSchema) : undefined;
    const options: PgConnectionOptions = { connectionString: config.databaseUrl, tuning };
    const { pg, clientConfig, ResilientPgPool } = await loadPg();
    await waitForPostgres(options, logger);
    if (schema) {
      const admin = new pg.Client(clientConfig(options));
      admin.on('error', () => undefined);
      await admin.connect();
      try {
        await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      } finally {
        await admin.end();
      }
    }
    const pool = new ResilientPgPool({ ...options, schema }, logger);
    db = new Kysely<Database>({ dialect: new OwnSchemaPostgresDialect({ pool }) });
    const slow = { statementTimeoutMs: MIGRATION_TIMEOUT_MS, queryTimeoutMs: MIGRATION_TIMEOUT_MS + 2_000 };
    const migrationPool = new ResilientPgPool(
      { ...options, schema, tuning: { ...tuning, ...slow, maxConnections: 1 } },
      logger,
    );
    migrationDb = new Kysely<Database>({ dialect: new OwnSchemaPostgresDialect({ pool: migrationPool }) });
  } else {
    kind = 'sqlite';
    sqlite = openSqliteFile(config.dataDir, logger);
    checkpointer = startCheckpointer(sqlite.db, sqlite.path, require.resolve('better-sqlite3'));
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite.db }) });
  }

  const migrator = new Migrator({
    db: migrationDb ?? db,
    provider: migrationProvider(kind),
    // Name the schema: Kysely otherwise looks for its migration tables in every schema, and finds another run's.
    ...(kind === 'postgres' && config.databaseSchema ? { migrationTableSchema: config.databaseSchema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  await migrationDb?.destroy();
  if (error) {
    await checkpointer?.stop();
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }

  const file = sqlite;
  return {
    db,
    kind,
    sqlite: file?.db ?? null,
    async ping() {
      // A deleted or replaced SQLite file still answers queries (on the unlinked inode): look at the path too.
      if (file && !file.stillThere()) return false;
      const answered = sql`select 1`.execute(db).then(
        () => true,
        () => false,
      );
      return within(answered, tuning.healthTimeoutMs, false);
    },
    async close() {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/** Drops a PostgreSQL schema (tests clean up after themselves). */
export async function dropPostgresSchema(databaseUrl: string, schema: string): Promise<void> {
  const { pg } = await loadPg();
  const admin = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${assertSafeIdentifier(schema)}" CASCADE`);
  } finally {
    await admin.end();
  }
}
