/** The migrator's view of PostgreSQL: our schema only, whatever other schemas come and go meanwhile. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_URL } from '../test/harness.js';
import { dropPostgresSchema } from './database.js';
import { OwnSchemaPostgresDialect } from './pgIntrospector.js';

const name = () => `t_${randomBytes(6).toString('hex')}`;

describe('the PostgreSQL introspector', () => {
  const ours = name();
  const theirs = name();
  let admin: pg.Client;
  let db: Kysely<unknown>;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    for (const s of [ours, theirs]) {
      await admin.query(`CREATE SCHEMA "${s}"`);
      await admin.query(`CREATE TABLE "${s}".kysely_migration (name varchar(255) primary key, timestamp varchar(255))`);
    }
    await admin.query(`CREATE TABLE "${ours}".notes (id serial primary key, body text not null, at text default 'x')`);
    await admin.query(`COMMENT ON COLUMN "${ours}".notes.body IS 'the words'`);
    await admin.query(`CREATE VIEW "${ours}".short_notes AS SELECT id FROM "${ours}".notes`);
    db = new Kysely<unknown>({
      dialect: new OwnSchemaPostgresDialect({
        pool: new pg.Pool({ connectionString: PG_URL, max: 2, options: `-c search_path="${ours}"` }),
      }),
    });
  });
  afterAll(async () => {
    await db.destroy();
    await admin.end();
    for (const s of [ours, theirs]) await dropPostgresSchema(PG_URL, s);
  });

  it('describes the tables and views of our schema only, with their columns', async () => {
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => [t.schema, t.name, t.isView])).toEqual([
      [ours, 'notes', false],
      [ours, 'short_notes', true],
    ]);
    expect(tables[0]!.columns).toEqual([
      {
        name: 'id',
        dataType: 'int4',
        dataTypeSchema: 'pg_catalog',
        isNullable: false,
        hasDefaultValue: true,
        isAutoIncrementing: true,
      },
      {
        name: 'body',
        dataType: 'text',
        dataTypeSchema: 'pg_catalog',
        isNullable: false,
        hasDefaultValue: false,
        isAutoIncrementing: false,
        comment: 'the words',
      },
      {
        name: 'at',
        dataType: 'text',
        dataTypeSchema: 'pg_catalog',
        isNullable: true,
        hasDefaultValue: true,
        isAutoIncrementing: false,
      },
    ]);
    const withMigrations = await db.introspection.getTables({ withInternalKyselyTables: true });
    expect(withMigrations.filter((t) => t.name === 'kysely_migration').map((t) => t.schema)).toEqual([ours]);
  });

  it('keeps answering while other schemas are created and dropped', async () => {
    let churning = true;
    const churn = (async () => {
      const other = new pg.Client({ connectionString: PG_URL });
      await other.connect();
      try {
        while (churning) {
          const s = name();
          await other.query(`CREATE SCHEMA "${s}"`);
          await other.query(`CREATE TABLE "${s}".t (id int)`);
          await other.query(`DROP SCHEMA "${s}" CASCADE`);
        }
      } finally {
        await other.end();
      }
    })();
    try {
      for (let i = 0; i < 100; i++) {
        const tables = await db.introspection.getTables();
        expect(tables.map((t) => t.name)).toEqual(['notes', 'short_notes']);
      }
    } finally {
      churning = false;
      await churn;
    }
  });
});
