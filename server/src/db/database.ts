import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Config } from '../config.js';
import { migrationProvider } from './migrations.js';
import { startCheckpointer, type Checkpointer } from './checkpointer.js';

const require = createRequire(import.meta.url);
import type { Database } from './schema.js';

// PostgreSQL returns int8 as strings by default; our timestamps are epoch ms and fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Db = Kysely<Database>;
export type DbKind = 'sqlite' | 'postgres';

export interface Storage {
  db: Db;
  kind: DbKind;
  /** The raw SQLite handle (null on PostgreSQL), for the one hot path that skips the query builder. */
  sqlite: SQLite.Database | null;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

function assertSafeIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Unsafe schema name: ${name}`);
  return name;
}

/** Opens the configured database and runs pending migrations. */
export async function openStorage(
  config: Pick<Config, 'databaseUrl' | 'databaseSchema' | 'dataDir'>,
): Promise<Storage> {
  let db: Db;
  let kind: DbKind;
  let sqlite: SQLite.Database | null = null;
  let checkpointer: Checkpointer | null = null;
  if (config.databaseUrl) {
    kind = 'postgres';
    const schema = config.databaseSchema ? assertSafeIdentifier(config.databaseSchema) : undefined;
    if (schema) {
      const admin = new pg.Client({ connectionString: config.databaseUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      } finally {
        await admin.end();
      }
    }
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: 10,
      ...(schema ? { options: `-c search_path="${schema}"` } : {}),
    });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    kind = 'sqlite';
    fs.mkdirSync(config.dataDir, { recursive: true });
    const file = new SQLite(path.join(config.dataDir, 'tandem.sqlite'));
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = NORMAL');
    file.pragma('foreign_keys = ON');
    file.pragma('busy_timeout = 5000');
    checkpointer = startCheckpointer(
      file,
      path.join(config.dataDir, 'tandem.sqlite'),
      require.resolve('better-sqlite3'),
    );
    sqlite = file;
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) });
  }

  const migrator = new Migrator({
    db,
    provider: migrationProvider(kind),
    // Name the schema: Kysely otherwise looks for its migration tables in every schema, and finds another run's.
    ...(kind === 'postgres' && config.databaseSchema ? { migrationTableSchema: config.databaseSchema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }

  return {
    db,
    kind,
    sqlite,
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/** Drops a PostgreSQL schema (tests clean up after themselves). */
export async function dropPostgresSchema(databaseUrl: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${assertSafeIdentifier(schema)}" CASCADE`);
  } finally {
    await admin.end();
  }
}
