/** Timeouts and names for PostgreSQL connections (see README, configuration). */
export interface DbTuning {
  /** Opening a connection (TCP + start-up + auth) gives up after this long. */
  connectTimeoutMs: number;
  /** Server side: a statement running longer is cancelled by PostgreSQL (`statement_timeout`). */
  statementTimeoutMs: number;
  /**
   * Client side: a query with no answer after this long fails, and its connection is dropped. Longer than the
   * statement timeout, so it only fires when the server itself is not answering.
   */
  queryTimeoutMs: number;
  /** A session idle inside an open transaction is ended by PostgreSQL (`idle_in_transaction_session_timeout`). */
  idleInTransactionTimeoutMs: number;
  /** TCP keepalive on every connection, first probe after this much silence. */
  keepAliveInitialDelayMs: number;
  /** Start-up keeps trying to reach the database for this long, then gives up with a message. */
  startupTimeoutMs: number;
  /** `/api/health` answers 503 when the database has not answered a trivial query within this long. */
  healthTimeoutMs: number;
  /** `application_name` of our connections (shows in pg_stat_activity). */
  applicationName: string;
  maxConnections: number;
}

export const DEFAULT_DB_TUNING: DbTuning = {
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 15_000,
  queryTimeoutMs: 17_000,
  idleInTransactionTimeoutMs: 30_000,
  keepAliveInitialDelayMs: 10_000,
  startupTimeoutMs: 30_000,
  healthTimeoutMs: 2_000,
  applicationName: 'tandem',
  maxConnections: 10,
};
