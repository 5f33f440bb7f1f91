import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir.endsWith('data')).toBe(true);
  });

  it('stops with a message naming the bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ INVITE_TTL_HOURS: '-1' })).toThrow(/INVITE_TTL_HOURS/);
  });
});

describe('PUBLIC_URL', () => {
  it('refuses anything but an http(s) origin, naming the variable', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript://example.org/%0Aalert(1)',
      'data:text/html,hi',
      'ftp://example.org',
      'https://user:secret@example.org',
      'https://example.org/tandem',
      'https://example.org?next=x',
      'https://example.org#x',
      'https://',
      'https:///example.org',
      'example.org',
    ]) {
      expect(() => loadConfig({ PUBLIC_URL: bad }), bad).toThrow(/PUBLIC_URL/);
    }
  });

  it('accepts an http(s) origin and keeps only the origin', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://Tandem.Example.org/' }).publicUrl).toBe('https://tandem.example.org');
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' }).publicUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ PUBLIC_URL: 'https://tandem.example.org' }).cookieSecure).toBe(true);
  });
});
