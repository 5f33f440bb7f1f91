import { describe, expect, it } from 'vitest';
import { startBanner } from './banner.js';

const base = {
  host: '127.0.0.1',
  port: 3000,
  publicUrl: undefined,
  dataDir: '/srv/tandem/data',
  databaseUrl: undefined,
  redisUrl: undefined,
};

describe('the start banner', () => {
  it('names the address to open, the SQLite file and how to reach it from a phone, as plain lines', () => {
    const text = startBanner({ config: base, url: 'http://127.0.0.1:3000' });
    expect(text).toContain('open http://localhost:3000');
    expect(text).toContain('Storage: SQLite, /srv/tandem/data/tandem.sqlite');
    expect(text).toContain('HOST=0.0.0.0');
    expect(text).toContain('PUBLIC_URL=https://');
    for (const line of text.split('\n')) expect(line.trim().startsWith('{')).toBe(false);
  });

  it('lists the LAN addresses when it listens on every interface', () => {
    const text = startBanner({
      config: { ...base, host: '0.0.0.0' },
      url: 'http://0.0.0.0:3000',
      lanAddresses: ['192.168.1.20'],
    });
    expect(text).toContain('open http://localhost:3000');
    expect(text).toContain('On this network: http://192.168.1.20:3000');
  });

  it('shows PostgreSQL by host and database, never its password', () => {
    const text = startBanner({
      config: {
        ...base,
        databaseUrl: 'postgres://tandem:s3cret@db.internal:5432/tandem',
        publicUrl: 'https://t.example.org',
      },
      url: 'http://127.0.0.1:3000',
    });
    expect(text).toContain('Storage: PostgreSQL, db.internal:5432/tandem');
    expect(text).not.toContain('s3cret');
    expect(text).toContain('open https://t.example.org');
    expect(text).not.toContain('Phones allow camera');
  });

  it('shows extra lines (such as a setup link) under the address', () => {
    const text = startBanner({
      config: base,
      url: 'http://127.0.0.1:3000',
      extraLines: ['First visit: /setup?code=x'],
    });
    const lines = text.split('\n');
    expect(lines.findIndex((l) => l.includes('First visit'))).toBe(lines.findIndex((l) => l.includes('open')) + 1);
  });
});
