/**
 * The PostgreSQL pool, made to survive the database going away. node-postgres emits `error` on an idle client
 * whose backend ends (pg_terminate_backend, a restart, a failover) and on a checked-out client whose socket
 * closes: with no listener either one is an uncaught exception that ends the process. Here every client has a
 * listener for its whole life, a client that lost its connection or timed out is destroyed instead of going
 * back to the pool (a timed-out query may still be running on it), and the pool makes new clients as needed,
 * so everything recovers by itself once the database answers again.
 */
import pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type { Logger } from '../lib/logger.js';
import { dbErrorSummary, isConnectionLost } from './errors.js';
import type { DbTuning } from './tuning.js';

export { pg };

// PostgreSQL returns int8 as strings by default; our timestamps are epoch ms and fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface PgConnectionOptions {
  connectionString: string;
  /** search_path (tests isolate themselves in a schema). */
  schema?: string | undefined;
  tuning: DbTuning;
}

/** The settings for one client (the pool and the start-up probe use the same ones). */
export function clientConfig(o: PgConnectionOptions): pg.ClientConfig {
  const t = o.tuning;
  return {
    connectionString: o.connectionString,
    connectionTimeoutMillis: t.connectTimeoutMs,
    statement_timeout: t.statementTimeoutMs,
    query_timeout: t.queryTimeoutMs,
    idle_in_transaction_session_timeout: t.idleInTransactionTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: t.keepAliveInitialDelayMs,
    application_name: t.applicationName,
    ...(o.schema ? { options: `-c search_path="${o.schema}"` } : {}),
  };
}

/** A pool for Kysely's PostgresDialect that never lets a connection error reach the process. */
export class ResilientPgPool implements PostgresPool {
  readonly pool: pg.Pool;

  constructor(
    options: PgConnectionOptions,
    private readonly logger: Logger,
  ) {
    this.pool = new pg.Pool({ ...clientConfig(options), max: options.tuning.maxConnections });
    // An idle client whose backend ended: pg-pool has already removed it; note it and carry on.
    this.pool.on('error', (err) => this.logger.warn({ err: dbErrorSummary(err) }, 'database connection lost'));
  }

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.pool.connect();
    let lost = false;
    // While checked out the pool has no listener on the client: without this one, a socket that closes between
    // two queries (or under one) would throw from an EventEmitter and end the process.
    const onError = (err: Error) => {
      lost = true;
      this.logger.warn({ err: dbErrorSummary(err) }, 'database connection lost while in use');
    };
    client.on('error', onError);
    return {
      query: (async (sqlText: string, parameters: ReadonlyArray<unknown>) => {
        try {
          return await client.query(sqlText, parameters as unknown[]);
        } catch (err) {
          if (isConnectionLost(err)) lost = true;
          throw err;
        }
      }) as unknown as PostgresPoolClient['query'],
      release: (destroy?: boolean) => {
        client.removeListener('error', onError);
        // `release(true)` ends the client and lets the pool make a fresh one: a dead or stuck one is never reused.
        client.release(destroy === true || lost ? true : undefined);
      },
    };
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

/** Opens one connection and runs `select 1`, within the connect and query timeouts. */
export async function probePostgres(options: PgConnectionOptions): Promise<void> {
  const client = new pg.Client(clientConfig(options));
  client.on('error', () => undefined); // a failure shows in connect()/query() below
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}
