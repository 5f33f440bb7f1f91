import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_INVITE_TTL_HOURS } from '@tandem/shared';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  COOKIE_SECURE: bool.optional(),
  INVITE_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(DEFAULT_INVITE_TTL_HOURS),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  BENCH_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Postgres schema to use (tests isolate themselves in one). */
  databaseSchema: string | undefined;
  redisUrl: string | undefined;
  /** Public origin used in invite links and allowed for CSRF / upgrade Origin checks; derived from host:port if unset. */
  publicUrl: string | undefined;
  cookieSecure: boolean;
  inviteTtlHours: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  trustProxy: boolean;
  /** Largest Yjs message accepted; a bigger one closes that connection (1009). */
  collabMaxMessageBytes: number;
  /** Enables `bench-*` docs and /__bench/mem for benchmarks; unset in production. */
  benchToken: string | undefined;
  /** Where the built client lives; null serves no static files. */
  clientDir: string | null;
}

export class ConfigError extends Error {}

/** Reads and validates the environment. A bad value throws a ConfigError naming it. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseSchema: undefined,
    redisUrl: e.REDIS_URL,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    cookieSecure: e.COOKIE_SECURE ?? e.PUBLIC_URL?.startsWith('https://') ?? false,
    inviteTtlHours: e.INVITE_TTL_HOURS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    benchToken: e.BENCH_TOKEN,
    collabMaxMessageBytes: 4 * 1024 * 1024,
    clientDir: null,
    ...overrides,
  };
}
