import { pino, stdSerializers, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { dbErrorSummary } from '../db/errors.js';

export type { Logger };

/**
 * Structured logs. Never log bodies, cookies, tokens or names: health data stays out of logs.
 * Only ids, event names, codes and timings.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: undefined,
    serializers: { err: serializeError },
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', 'token', 'password'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * PostgreSQL errors quote row values in their message and `detail` (`Key (email)=(…)`, `invalid input syntax
 * for type uuid: "…"`): of those only the class and SQLSTATE are logged. Other errors as pino shows them.
 */
function serializeError(err: unknown): unknown {
  if (typeof err === 'object' && err !== null && 'severity' in err && 'code' in err) return dbErrorSummary(err);
  return err instanceof Error ? stdSerializers.err(err) : err;
}
