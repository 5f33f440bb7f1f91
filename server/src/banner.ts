/** What `npm start` prints once the server listens: where to open it, what it stores into, how to reach it. */
import os from 'node:os';
import path from 'node:path';
import type { Config } from './config.js';

export interface BannerInput {
  config: Pick<Config, 'host' | 'port' | 'publicUrl' | 'dataDir' | 'databaseUrl' | 'redisUrl'>;
  /** The address the server listens on, e.g. http://127.0.0.1:3000. */
  url: string;
  /** This machine's LAN addresses (IPv4), shown when the server listens on every interface. */
  lanAddresses?: string[];
  /** More lines to show under the address (e.g. a one-time setup link). */
  extraLines?: string[];
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/** Where the data lives, never a password: a PostgreSQL URL shows only its host and database. */
export function describeStorage(config: BannerInput['config']): string {
  if (!config.databaseUrl) return `SQLite, ${path.join(config.dataDir, 'tandem.sqlite')}`;
  try {
    const u = new URL(config.databaseUrl);
    return `PostgreSQL, ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname || ''}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** This machine's non-internal IPv4 addresses. */
export function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .flatMap((i) => (i && i.family === 'IPv4' && !i.internal ? [i.address] : []));
}

/** The start banner, plain text, a few readable lines (not JSON). */
export function startBanner(input: BannerInput): string {
  const { config } = input;
  const local = input.url.replace('127.0.0.1', 'localhost').replace(/\/\/(0\.0\.0\.0|\[::\])/, '//localhost');
  const open = config.publicUrl ?? local;
  const lines = ['', `  Tandem is running: open ${open}`, ...(input.extraLines ?? []).map((l) => `  ${l}`)];
  lines.push(
    `  Storage: ${describeStorage(config)}${config.redisUrl ? ' (several processes: events, edits and rate limits shared through Redis)' : ''}`,
  );
  lines.push('');
  if (WILDCARD_HOSTS.has(config.host)) {
    const lan = (input.lanAddresses ?? []).map((a) => `http://${a}:${config.port}`);
    if (lan.length) lines.push(`  On this network: ${lan.join(', ')}`);
  } else {
    lines.push(
      `  From a phone on the same network: start with HOST=0.0.0.0 and open http://<this computer's address>:${config.port}`,
    );
  }
  if (!config.publicUrl?.startsWith('https://')) {
    lines.push(
      '  Phones allow camera and microphone only over HTTPS: behind a TLS proxy set PUBLIC_URL=https://your.host and TRUST_PROXY=1 (the number of proxies in front)',
    );
  }
  lines.push('  Each request is logged at LOG_LEVEL=debug; Ctrl+C stops the server.', '');
  return lines.join('\n');
}
