import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fromDbError, toApiError } from '../lib/errors.js';
import { createLogger } from '../lib/logger.js';
import { classifyDbError } from './errors.js';

/** Shaped like node-postgres' DatabaseError (message, severity, code, detail quoting the row). */
function pgError(code: string, message: string, detail?: string): Error {
  return Object.assign(new Error(message), { severity: 'ERROR', code, ...(detail ? { detail } : {}) });
}

describe('storage errors', () => {
  it('a database that is gone, going or silent is UNAVAILABLE (503)', () => {
    for (const err of [
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('57014', 'canceling statement due to statement timeout'),
      pgError('08006', 'connection failure'),
      pgError('53300', 'sorry, too many clients already'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new Error('Query read timeout'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
      Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }),
    ]) {
      expect(classifyDbError(err), err.message).toBe('unavailable');
      expect(fromDbError(err)?.status).toBe(503);
      expect(toApiError(err).code).toBe('UNAVAILABLE');
    }
  });

  it('text PostgreSQL cannot store is BAD_REQUEST, other errors stay INTERNAL', () => {
    expect(toApiError(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00')).code).toBe('BAD_REQUEST');
    expect(toApiError(pgError('22P05', 'unsupported Unicode escape sequence')).code).toBe('BAD_REQUEST');
    expect(toApiError(pgError('42P01', 'relation "x" does not exist')).code).toBe('INTERNAL');
    expect(toApiError(new Error('anything else')).code).toBe('INTERNAL');
  });

  it('logs a PostgreSQL error as its class and code, never its message or the row it quotes', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', sink);
    const err = pgError('23505', 'duplicate key value violates unique constraint', 'Key (email)=(alex@example.org)');
    logger.error({ err }, 'request failed');
    const entry = JSON.parse(lines.join('')) as { err: unknown };
    expect(entry.err).toEqual({ type: 'Error', code: '23505' });
    expect(lines.join('')).not.toContain('alex@example.org');
  });
});
