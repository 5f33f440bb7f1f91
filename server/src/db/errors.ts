/**
 * What a storage error means for the caller. Driver errors are never shown as they are: a database that is not
 * answering becomes UNAVAILABLE (503, retry later), text the database cannot store becomes BAD_REQUEST (400),
 * and anything else stays an internal error. Logs get `dbErrorSummary`: codes only, never values.
 */

/** Network errors of the socket to PostgreSQL. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** SQLSTATEs of a server that is gone, going, overloaded or too slow (class 08, 53, 57 and the timeouts). */
const PG_UNAVAILABLE = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, a restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, failover)
  '57P05', // idle_session_timeout
  '57014', // query_canceled (statement_timeout)
  '55P03', // lock_not_available (lock_timeout)
  '25P03', // idle_in_transaction_session_timeout
  '40P01', // deadlock_detected
]);

/** SQLSTATEs for text PostgreSQL cannot store: a NUL character, or a character without a mapping. */
const PG_BAD_TEXT = new Set(['22021', '22P05']);

/** node-postgres and pg-pool raise plain Errors for lost or slow connections; these are their messages. */
const PG_CLIENT_MESSAGES = [
  'Connection terminated',
  'timeout expired',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

/** SQLite result codes of a file that cannot be read or written right now. */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|READONLY_DBMOVED|NOTADB)/;

export type DbErrorKind = 'unavailable' | 'bad_text';

function codeOf(err: object): string | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Classifies a storage error; null when it is not one we give a meaning to (it stays INTERNAL). */
export function classifyDbError(err: unknown): DbErrorKind | null {
  if (typeof err !== 'object' || err === null) return null;
  const code = codeOf(err);
  if (code !== undefined) {
    if (PG_BAD_TEXT.has(code)) return 'bad_text';
    if (code.startsWith('08') || code.startsWith('53') || PG_UNAVAILABLE.has(code)) return 'unavailable';
    if (NETWORK_CODES.has(code) || SQLITE_UNAVAILABLE.test(code)) return 'unavailable';
  }
  const message = (err as { message?: unknown }).message;
  if (typeof message === 'string' && PG_CLIENT_MESSAGES.some((m) => message.includes(m))) return 'unavailable';
  // A connection error is sometimes wrapped (an AggregateError from the socket, or `cause`).
  const cause = (err as { cause?: unknown }).cause;
  if (cause !== undefined && cause !== err) return classifyDbError(cause);
  return null;
}

/** True when the error means the database (or the connection to it) is gone: the client must not be reused. */
export function isConnectionLost(err: unknown): boolean {
  return classifyDbError(err) === 'unavailable';
}

/**
 * What may be logged of a driver error: its class and code. A PostgreSQL error's message and `detail` can quote
 * the values of the row (`Key (email)=(…)`), so neither is kept.
 */
export function dbErrorSummary(err: unknown): { type: string; code?: string } {
  if (typeof err !== 'object' || err === null) return { type: typeof err };
  const type = (err as { constructor?: { name?: string } }).constructor?.name ?? 'Error';
  const code = codeOf(err);
  return code === undefined ? { type } : { type, code };
}
