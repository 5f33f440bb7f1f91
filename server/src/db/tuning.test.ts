import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { DEFAULT_DB_TUNING } from './tuning.js';

describe('database timeouts in the configuration', () => {
  it('has bounded defaults: connect, statement, and a client timeout just past the statement one', () => {
    const { db } = loadConfig({});
    expect(db).toEqual(DEFAULT_DB_TUNING);
    expect(db.queryTimeoutMs).toBeGreaterThan(db.statementTimeoutMs);
  });

  it('reads them from the environment', () => {
    const { db } = loadConfig({
      DB_CONNECT_TIMEOUT_MS: '1500',
      DB_STATEMENT_TIMEOUT_MS: '4000',
      DB_STARTUP_TIMEOUT_MS: '0',
    });
    expect(db).toMatchObject({ connectTimeoutMs: 1500, statementTimeoutMs: 4000, queryTimeoutMs: 6000 });
    expect(db.startupTimeoutMs).toBe(0);
  });

  it('stops with a message naming a bad one', () => {
    expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: 'soon' })).toThrow(ConfigError);
    expect(() => loadConfig({ DB_CONNECT_TIMEOUT_MS: '0' })).toThrow(/DB_CONNECT_TIMEOUT_MS/);
  });
});
