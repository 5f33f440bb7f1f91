/** 0006_first_run on an instance that was set up before it: the existing first therapist holds the claim. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_KINDS, PG_URL } from '../test/harness.js';
import { dropPostgresSchema, type Db } from './database.js';
import { createFirstTherapist } from './firstRun.js';
import { migrationProvider } from './migrations.js';
import { OwnSchemaPostgresDialect } from './pgIntrospector.js';
import './pgPool.js'; // reads int8 as numbers, as the server does (the server loads it before any pool)
import type { Database } from './schema.js';

describe.each(DB_KINDS)('migration 0006_first_run (%s)', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function database(): Promise<{ db: Db; migrator: Migrator }> {
    let db: Db;
    let schema: string | undefined;
    if (kind === 'sqlite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-mig-'));
      cleanups.push(() => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })));
      db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(path.join(dir, 'm.sqlite')) }) });
    } else {
      schema = `t_${randomBytes(6).toString('hex')}`;
      const s = schema;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`CREATE SCHEMA "${s}"`);
      await admin.end();
      cleanups.push(() => dropPostgresSchema(PG_URL, s));
      const pool = new pg.Pool({ connectionString: PG_URL, max: 2, options: `-c search_path="${s}"` });
      db = new Kysely<Database>({ dialect: new OwnSchemaPostgresDialect({ pool }) });
    }
    cleanups.push(() => db.destroy());
    const migrator = new Migrator({
      db,
      provider: migrationProvider(kind),
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    return { db, migrator };
  }

  const therapist = (id: string, createdAt: number) => ({
    id,
    name: id,
    email: `${id}@example.org`,
    password_hash: 'x',
    created_at: createdAt,
  });

  it('gives the claim to the earliest therapist of an instance set up before it, and refuses a new first run', async () => {
    const { db, migrator } = await database();
    expect((await migrator.migrateTo('0005_private')).error).toBeUndefined();
    await db
      .insertInto('therapists')
      .values([therapist('later', 2_000), therapist('first', 1_000)])
      .execute();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const claims = await db.selectFrom('first_run').selectAll().execute();
    expect(claims).toMatchObject([{ id: 1, therapist_id: 'first', claimed_at: 1_000 }]);
    await db.deleteFrom('therapists').execute();
    // Claim gone with its therapist: a fresh first run works again, exactly once.
    expect(await createFirstTherapist(db, therapist('again', 3_000))).toBe(true);
    expect(await createFirstTherapist(db, therapist('twice', 4_000))).toBe(false);
  });

  it('leaves a fresh instance unclaimed', async () => {
    const { db, migrator } = await database();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await db.selectFrom('first_run').selectAll().execute()).toEqual([]);
  });
});
