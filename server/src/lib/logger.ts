import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs. Never log bodies, cookies, tokens or names: health data stays out of logs.
 * Only ids, event names, codes and timings.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', 'token', 'password'],
      censor: '[redacted]',
    },
  });
}
